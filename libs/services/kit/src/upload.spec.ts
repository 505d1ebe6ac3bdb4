import { MulterError } from 'multer';
import { uploadRefusal } from './upload';

describe('uploadRefusal', () => {
  const MIB = 1024 * 1024;

  it('names the file field and the limit when the file is too large', () => {
    expect(uploadRefusal(new MulterError('LIMIT_FILE_SIZE', 'file'), 'file', 10 * MIB)).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The upload is refused: /file must be at most 10 MiB (10,485,760 bytes)',
      problems: [{ path: '/file', message: 'must be at most 10 MiB (10,485,760 bytes)' }],
    });
    expect(uploadRefusal(new MulterError('LIMIT_FILE_SIZE', 'file'), 'file', 1000)?.problems[0].message).toBe('must be at most 1,000 bytes');
  });

  it('tells a second file in the field apart from a file in another field', () => {
    expect(uploadRefusal(new MulterError('LIMIT_UNEXPECTED_FILE', 'file'), 'file', MIB)?.problems).toEqual([{ path: '/file', message: 'must be one file; this request carries more than one' }]);
    expect(uploadRefusal(new MulterError('LIMIT_UNEXPECTED_FILE', 'upload'), 'file', MIB)?.problems).toEqual([
      { path: '/upload', message: 'is not a file field of this request; send the file in the multipart field "file"' },
    ]);
  });

  it('answers busboy\'s refusals of a malformed body as MALFORMED_MULTIPART', () => {
    expect(uploadRefusal(new Error('Unexpected end of form'), 'file', MIB)).toMatchObject({ statusCode: 400, code: 'MALFORMED_MULTIPART' });
  });

  it('leaves any other failure (the storage, the server) to be an internal error', () => {
    expect(uploadRefusal(new Error('ENOSPC: no space left on device'), 'file', MIB)).toBeUndefined();
    expect(uploadRefusal('not an error', 'file', MIB)).toBeUndefined();
  });
});
