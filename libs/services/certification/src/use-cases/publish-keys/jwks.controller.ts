import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@bj/service-kit';
import { CertificateFiles } from '../../signing/certificate-files';

@ApiTags('verification')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly files: CertificateFiles) {}

  /** The issuer's public keys (Ed25519, JWK) with `validFrom`/`validUntil`: verify a certificate's signature offline. */
  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  jwks() {
    return this.files.jwks();
  }
}
