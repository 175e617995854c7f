import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { RequestEmailCode, RequestEmailCodeDto, VerifyEmailCode, VerifyEmailCodeDto } from '@app/claimants';
import { message, negotiateLocale } from '@app/http';
import { IpLimitGuard, ProtectedWriteGuard } from '@app/protection';

/** The first step of a claim: prove the email address is yours with a code sent to it. */
@Controller('api/cases/:slug/email-codes')
export class EmailCodesController {
  constructor(
    private readonly requestCode: RequestEmailCode,
    private readonly verifyCode: VerifyEmailCode,
  ) {}

  /** Always 202, claim or no claim at that address. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(ProtectedWriteGuard)
  async request(@Param('slug') slug: string, @Body() body: RequestEmailCodeDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const locale = negotiateLocale(acceptLanguage);
    const { verificationId, expiresAt } = await this.requestCode.execute({ caseSlug: slug, email: body.email, locale });
    return { verificationId, expiresAt, message: message(locale, 'emailCode.sent') };
  }

  @Post(':id/verify')
  @HttpCode(HttpStatus.OK)
  @UseGuards(IpLimitGuard)
  verify(@Param('slug') slug: string, @Param('id') id: string, @Body() body: VerifyEmailCodeDto) {
    return this.verifyCode.execute({ caseSlug: slug, verificationId: id, code: body.code });
  }
}
