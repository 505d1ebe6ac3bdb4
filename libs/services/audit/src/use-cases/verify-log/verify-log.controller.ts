import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@bj/kernel';
import { APP_CONFIG, Roles, type AppConfig } from '@bj/service-kit';
import { checkCheckpoint, CheckpointError } from '../../checkpoints/checkpoint';
import { verifyLog, type VerificationReport } from '../../verification/verify-log';
import { openConfiguredLogSource } from './open-log-source';

/** 日志校验: proves the log untouched (hashes, chain, positions, versions, eventIds), or pinpoints each break. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/verify')
export class VerifyLogController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The whole log, walked in batches. `intact: false` lists each break (kind, position, eventId, stream). */
  @Get()
  @Roles('AUDITOR')
  async verify(): Promise<VerificationReport> {
    return this.run();
  }

  /** The same, and the log must still extend the signed checkpoint in the body ({ checkpoint, publicKey? }). */
  @Post()
  @HttpCode(200)
  @Roles('AUDITOR')
  async verifySince(@Body() body: { checkpoint?: unknown; publicKey?: unknown }): Promise<VerificationReport & { trustedKey: boolean }> {
    if (body?.publicKey !== undefined && typeof body.publicKey !== 'string') throw DomainError.invalid([{ path: '/publicKey', message: 'must be a PEM string' }]);
    let checked;
    try {
      checked = checkCheckpoint(body?.checkpoint, body?.publicKey as string | undefined, 'checkpoint');
    } catch (e) {
      if (e instanceof CheckpointError) throw DomainError.invalid([{ path: '/checkpoint', message: e.message }], 'The checkpoint is not valid');
      throw e;
    }
    return { ...(await this.run({ position: checked.checkpoint.payload.position, headHash: checked.checkpoint.payload.headHash })), trustedKey: checked.trustedKey };
  }

  private async run(checkpoint?: { position: number; headHash: string }): Promise<VerificationReport> {
    const source = await openConfiguredLogSource(this.config);
    try {
      return await verifyLog(source, { checkpoint });
    } finally {
      await source.close();
    }
  }
}
