import { Injectable, mixin, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import type { Observable } from 'rxjs';
import multer, { MulterError } from 'multer';
import type { Problem } from '@bj/kernel';
import { RequestRefusedError, type ErrorBody } from './error-filter';
import { badTextRefusal } from './http';

/** Text fields a one-file upload may carry beside its file (the evidence's `item`, a few spare). */
const MAX_TEXT_FIELDS = 8;
/** The longest text field accepted in an upload. */
const MAX_TEXT_FIELD_BYTES = 16 * 1024;

/** Size as people read it: 10 MiB (10,485,760 bytes). */
function bytes(n: number): string {
  const mib = n / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB (${n.toLocaleString('en')} bytes)` : `${n.toLocaleString('en')} bytes`;
}

/**
 * What a multipart body multer or its parser (busboy) refused is answered with, by multer's
 * error code, naming the form field. Anything else (a storage failure) is not the client's
 * and is left to be an internal error.
 */
export function uploadRefusal(error: unknown, field: string, maxBytes: number): ErrorBody | undefined {
  const refused = (statusCode: number, code: string, path: string, problem: string): ErrorBody => {
    const problems: Problem[] = [{ path, message: problem }];
    return { statusCode, code, message: `The upload is refused: ${path === '' ? problem : `${path} ${problem}`}`, problems };
  };
  if (error instanceof MulterError) {
    const at = error.field ? `/${error.field}` : '';
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return refused(413, 'PAYLOAD_TOO_LARGE', `/${field}`, `must be at most ${bytes(maxBytes)}`);
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        // a second file in the field trips one or the other, whichever multer counts first
        return error.code === 'LIMIT_FILE_COUNT' || error.field === field
          ? refused(400, 'INVALID_INPUT', `/${field}`, 'must be one file; this request carries more than one')
          : refused(400, 'INVALID_INPUT', at, `is not a file field of this request; send the file in the multipart field "${field}"`);
      case 'LIMIT_FIELD_VALUE':
        return refused(400, 'INVALID_INPUT', at, `must be at most ${MAX_TEXT_FIELD_BYTES.toLocaleString('en')} bytes`);
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_PART_COUNT':
        return refused(400, 'INVALID_INPUT', '', `carries too many fields; at most ${MAX_TEXT_FIELDS} text fields and one file are accepted`);
      default:
        return refused(400, 'INVALID_INPUT', at, `${error.message.replace(/\.$/, '')} (${error.code})`);
    }
  }
  // busboy's own refusals: no boundary, a malformed part header, a body cut off
  const message = error instanceof Error ? error.message : '';
  if (/^Multipart: Boundary not found$|^Malformed part header$|^Unexpected end of (form|file)$/.test(message)) {
    return refused(400, 'MALFORMED_MULTIPART', '', `is not a well-formed multipart/form-data body: ${message}`);
  }
  return undefined;
}

/**
 * An interceptor that reads one file from the multipart field `field`, at most `maxBytes`,
 * into memory (`@UploadedFile()`), with the text fields in `@Body()`. Used instead of Nest's
 * FileInterceptor, whose refusals ("Unexpected file field - other", "File too large") name
 * neither the field as a path nor the limit.
 */
export function OneFileUpload(field: string, maxBytes: number): Type<NestInterceptor> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: MAX_TEXT_FIELDS, parts: MAX_TEXT_FIELDS + 1, fieldSize: MAX_TEXT_FIELD_BYTES },
  }).single(field);

  @Injectable()
  class OneFileUploadInterceptor implements NestInterceptor {
    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      await new Promise<void>((resolve, reject) =>
        upload(http.getRequest(), http.getResponse(), (error: unknown) => {
          const refused = error ? uploadRefusal(error, field, maxBytes) : badTextRefusal(http.getRequest<{ body?: unknown }>().body);
          if (refused) reject(new RequestRefusedError(refused));
          else if (error) reject(error);
          else resolve();
        }),
      );
      return next.handle();
    }
  }
  return mixin(OneFileUploadInterceptor);
}
