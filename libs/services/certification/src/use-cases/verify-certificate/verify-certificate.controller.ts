import { Controller, Get, Header, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@bj/kernel';
import { chineseDate } from '@bj/certificate-domain';
import { OneFileUpload, Public } from '@bj/service-kit';
import { html, page } from '../../html/page';
import { CertificateVerifier, type VerificationAnswer } from './verify-certificate.service';

/** Largest PDF accepted for verification. */
export const MAX_VERIFY_PDF_BYTES = 5 * 1024 * 1024;

const STATUS_TEXT: Record<VerificationAnswer['status'], string> = {
  VALID: '证书有效',
  REVOKED: '证书已撤销',
  ALTERED: '证书内容被篡改',
  UNKNOWN: '查无此证',
};

interface HtmlResponse {
  status(code: number): HtmlResponse;
  type(t: string): HtmlResponse;
  send(body: string): void;
}

/** 证书查验: public, no token. */
@ApiTags('verification')
@Controller()
export class VerifyCertificateController {
  constructor(private readonly verifier: CertificateVerifier) {}

  @Get('api/v1/verify/:number')
  @Public()
  @ApiQuery({ name: 's', required: false, description: 'the signature from the QR code' })
  verify(@Param('number') number: string, @Query('s') signature?: string) {
    return this.verifier.byNumber(number, signature);
  }

  @Post('api/v1/verify/pdf')
  @Public()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(OneFileUpload('file', MAX_VERIFY_PDF_BYTES))
  verifyPdf(@UploadedFile() file?: { buffer: Buffer; size: number }) {
    if (!file || file.size === 0) throw DomainError.invalid([{ path: '/file', message: 'A PDF file is required (multipart field "file")' }]);
    return this.verifier.byPdf(file.buffer);
  }

  /** The page the QR code opens. */
  @Get('verify/:number')
  @Public()
  @Header('Cache-Control', 'no-store')
  async page(@Param('number') number: string, @Query('s') signature: string | undefined, @Res() res: HtmlResponse) {
    let answer: VerificationAnswer;
    try {
      answer = await this.verifier.byNumber(number, signature);
    } catch {
      answer = { status: 'ALTERED', certificateNumber: number, detail: '二维码签名格式不正确' };
    }
    const c = answer.certificate;
    const rows: [string, string][] = c
      ? [
          ['证书编号', answer.certificateNumber ?? ''],
          ['姓名', c.holderName],
          ['身份证号', c.idNumberMasked],
          ['系列/专业', c.seriesAndSpeciality],
          ['方向', c.directionName],
          ['资格名称', c.qualificationName],
          ['评审委员会', c.committeeName],
          ['取得资格时间', chineseDate(c.qualificationDate)],
          ['发证机关', c.issuingAuthority],
          ['发证日期', chineseDate(c.issueDate)],
        ]
      : [['证书编号', answer.certificateNumber ?? number]];
    if (answer.status === 'REVOKED') rows.push(['撤销日期', chineseDate(answer.revokedAt ?? '')], ['撤销原因', answer.reason ?? '']);
    const details = rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`);
    const body = html`<h1>北京市职称证书查验结果</h1>
<div class="status"><span class="badge ${answer.status}">${STATUS_TEXT[answer.status]}</span></div>
${answer.detail ? html`<div class="meta">${answer.detail}</div>` : ''}
<dl>${details}</dl>
<p>请将以上信息与证书原件核对。查验结果依据发证机关的签发记录；证书的电子签名亦可使用发证机关公布的公钥（/.well-known/jwks.json）离线核验。</p>`;
    res.status(200).type('html').send(page(`证书查验 ${answer.certificateNumber ?? ''}`, body));
  }
}
