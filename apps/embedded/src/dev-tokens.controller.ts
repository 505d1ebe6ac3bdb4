import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DEMO_USERS, type TokenIssuer } from '@bj/auth';
import { Public } from '@bj/service-kit';

export const DEV_TOKEN_ISSUER = Symbol('DEV_TOKEN_ISSUER');

/** Embedded mode only: bearer tokens for the demo users of every role (also `npm run tokens`). */
@ApiTags('dev')
@Controller('api/v1/dev')
export class DevTokensController {
  constructor(@Inject(DEV_TOKEN_ISSUER) private readonly issuer: TokenIssuer) {}

  @Get('tokens')
  @Public()
  async tokens() {
    return Promise.all(DEMO_USERS.map(async (user) => ({ ...user, token: await this.issuer.issue(user) })));
  }
}
