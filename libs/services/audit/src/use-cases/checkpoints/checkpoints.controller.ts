import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@bj/service-kit';
import type { SignedCheckpoint } from '../../checkpoints/checkpoint';
import { CheckpointService } from './checkpoint.service';

/** 签名检查点: sign the log's head now; fetch the public key to check checkpoints with. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/checkpoints')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointService) {}

  /** Signs {position, headHash, time} of the log now (Ed25519) and returns it; also written to the checkpoint folder. */
  @Post()
  @Roles('AUDITOR')
  sign(): Promise<SignedCheckpoint> {
    return this.checkpoints.signNow('on-demand');
  }

  /** The public key (PEM) that verifies this system's checkpoints. */
  @Get('public-key')
  @Roles('AUDITOR')
  publicKey(): { algorithm: 'Ed25519'; publicKey: string } {
    return { algorithm: 'Ed25519', publicKey: this.checkpoints.publicKeyPem() };
  }
}
