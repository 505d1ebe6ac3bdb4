import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, beijingDate, isIsoDate } from '@bj/kernel';
import { validateAndEvaluate } from '@bj/eligibility';
import { CLOCK, Public, type Clock } from '@bj/service-kit';

export class EvaluateEligibilityBody {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A declaration (declaration.schema.json)' })
  declaration!: unknown;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Cutoff date (年限计算截止日期); defaults to 31 December of this year' })
  cutoffDate?: string;
}

@ApiTags('eligibility')
@Controller('api/v1/eligibility')
export class EvaluateEligibilityController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** 申报条件预审: the automatic pre-check of a declaration; nothing is stored. */
  @Post('evaluate')
  @HttpCode(200)
  @Public()
  evaluate(@Body() body: EvaluateEligibilityBody) {
    const cutoff = body?.cutoffDate ?? `${beijingDate(this.clock.now()).slice(0, 4)}-12-31`;
    if (!isIsoDate(cutoff)) throw DomainError.invalid([{ path: '/cutoffDate', message: 'cutoffDate must be a calendar date YYYY-MM-DD' }]);
    const result = validateAndEvaluate(body?.declaration, cutoff);
    if ('errors' in result) {
      throw DomainError.invalid(result.errors.map((p) => ({ path: `/declaration${p.path}`, message: p.message })), 'The declaration is invalid');
    }
    return result.report;
  }
}
