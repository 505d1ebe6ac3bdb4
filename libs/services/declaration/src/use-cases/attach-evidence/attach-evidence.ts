import { Body, Controller, HttpCode, Inject, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@bj/kernel';
import { sniffEvidenceType, type BlobStore } from '@bj/blob-store';
import { declarationDecider, declarationStreamId } from '@bj/declaration-domain';
import { BLOB_STORE, CommandRunner, CurrentActor, OneFileUpload, Roles } from '@bj/service-kit';

/** Largest evidence file accepted (scans of certificates, papers, contracts). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

interface UploadedEvidence {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export class AttachEvidenceCommand {
  constructor(readonly actor: Actor, readonly declarationId: string, readonly item: string, readonly file: UploadedEvidence | undefined) {}
}

/**
 * 上传证明材料: the type is checked by content (PDF, PNG, JPEG), the bytes stored by SHA-256,
 * and the hash recorded in the declaration's events.
 */
@CommandHandler(AttachEvidenceCommand)
export class AttachEvidenceHandler implements ICommandHandler<AttachEvidenceCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async execute({ actor, declarationId, item, file }: AttachEvidenceCommand) {
    if (!file || file.size === 0) throw DomainError.invalid([{ path: '/file', message: 'A non-empty file is required (multipart field "file")' }]);
    if (typeof item !== 'string' || item.length === 0) throw DomainError.invalid([{ path: '/item', message: 'item is required, e.g. /performance/0 or /achievements/1' }]);
    const contentType = sniffEvidenceType(file.buffer);
    if (!contentType) throw DomainError.invalid([{ path: '/file', message: 'Evidence must be a PDF, PNG or JPEG file (checked by its content, not its name)' }]);
    // check the command against the declaration first, so a refused upload leaves no file behind
    const { state } = await this.runner.load(declarationStreamId(declarationId), declarationDecider);
    const probe = { item, sha256: '0'.repeat(64), size: file.size, contentType, fileName: file.originalname.slice(0, 200) };
    declarationDecider.decide({ type: 'AttachEvidence', actor, now: this.runner.now(), file: probe }, state);
    const { sha256, size } = await this.blobs.put(file.buffer);
    const evidence = { ...probe, sha256, size };
    await this.runner.run(declarationStreamId(declarationId), declarationDecider, () => ({ type: 'AttachEvidence' as const, actor, now: this.runner.now(), file: evidence }), actor);
    return { declarationId, ...evidence };
  }
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class AttachEvidenceController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/evidence')
  @HttpCode(201)
  @Roles('APPLICANT')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['item', 'file'], properties: { item: { type: 'string', example: '/achievements/0' }, file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(OneFileUpload('file', MAX_EVIDENCE_BYTES))
  attach(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { item?: string }, @UploadedFile() file?: UploadedEvidence) {
    return this.commands.execute(new AttachEvidenceCommand(actor, id, body?.item ?? '', file));
  }
}
