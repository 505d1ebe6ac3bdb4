import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@bj/kernel';
import { CurrentActor, Roles } from '@bj/service-kit';
import { IssueCertificatesCommand } from './issue-certificates.handler';

class IssueBody {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiPropertyOptional({ type: [String], description: 'the applications to certify; omitted: everyone of the session ready for a certificate' })
  applicationIds?: string[];
}

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class IssueCertificatesController {
  constructor(private readonly commands: CommandBus) {}

  /** 发放证书: one certificate per applicant and session, each with a unique number, signed, its PDF's SHA-256 recorded. */
  @Post()
  @HttpCode(201)
  @Roles('HRSS_OFFICER')
  issue(@CurrentActor() actor: Actor, @Body() body: IssueBody) {
    const year = body?.year;
    if (!Number.isInteger(year) || year < 2020 || year > 2100) throw DomainError.invalid([{ path: '/year', message: 'year is required: the session year, 2020 to 2100' }]);
    return this.commands.execute(new IssueCertificatesCommand(actor, year, body.applicationIds));
  }
}
