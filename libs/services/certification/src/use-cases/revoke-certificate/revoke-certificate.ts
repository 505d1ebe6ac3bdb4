import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { beijingDate, type Actor } from '@bj/kernel';
import { parseCertificateNumber } from '@bj/certificate-domain';
import { CommandRunner, CurrentActor, Roles } from '@bj/service-kit';
import { certificateStreamId } from '../../read-models/certificates.projection';
import { recordedCertificateDecider } from '../../read-models/recorded-certificate-decider';
import { SessionSettingsProjection } from '../../read-models/session-settings.projection';

/** 撤销证书: e.g. fraud found (弄虚作假); the holder is barred for the session's reapplicationBarYears. */
export class RevokeCertificateCommand {
  constructor(readonly actor: Actor, readonly certificateNumber: string, readonly reason: string) {}
}

@CommandHandler(RevokeCertificateCommand)
export class RevokeCertificateHandler implements ICommandHandler<RevokeCertificateCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionSettingsProjection,
  ) {}

  async execute({ actor, certificateNumber: text, reason }: RevokeCertificateCommand) {
    const { certificateNumber, year } = parseCertificateNumber(text, '/number');
    const revokedAt = beijingDate(this.runner.now());
    const outcome = await this.runner.run(
      certificateStreamId(certificateNumber),
      recordedCertificateDecider(),
      () => ({ type: 'RevokeCertificate' as const, actor, now: this.runner.now(), reason, revokedAt, barYears: this.sessions.require(year).reapplicationBarYears }),
      actor,
    );
    const data = outcome.events[0]?.data as { revokedAt: string; barUntil: string; reason: string };
    return { certificateNumber, status: 'REVOKED', revokedAt: data.revokedAt, reason: data.reason, barUntil: data.barUntil };
  }
}

class RevokeBody {
  @ApiProperty({ example: '经查实，申报材料中的论文系代写，属弄虚作假' }) reason!: string;
}

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class RevokeCertificateController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':number/revoke')
  @HttpCode(200)
  @Roles('HRSS_OFFICER')
  revoke(@CurrentActor() actor: Actor, @Param('number') number: string, @Body() body: RevokeBody) {
    return this.commands.execute(new RevokeCertificateCommand(actor, number, body?.reason));
  }
}
