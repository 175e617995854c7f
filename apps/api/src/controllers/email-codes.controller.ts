import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequestEmailCode, RequestEmailCodeDto, VerifyEmailCode, VerifyEmailCodeDto } from '@app/claimants';
import { message, negotiateLocale } from '@app/http';
import { IpLimitGuard, ProtectedWriteGuard } from '@app/protection';
import { ApiErrors } from '../openapi/api-error';
import { ApiAcceptLanguage, ApiCaseSlug, ApiProofOfWork } from '../openapi/api-parameters';
import { EmailCodeSentBody, EmailProofBody } from '../openapi/email-code.responses';

/** The first step of a claim: prove the email address is yours with a code sent to it. */
@ApiTags('Email codes')
@ApiAcceptLanguage()
@ApiCaseSlug()
@Controller('api/cases/:slug/email-codes')
export class EmailCodesController {
  constructor(
    private readonly requestCode: RequestEmailCode,
    private readonly verifyCode: VerifyEmailCode,
  ) {}

  /** Always 202, claim or no claim at that address. */
  @ApiOperation({
    summary: 'Email a six-digit code',
    description:
      'The first step of a claim: a six-digit code is emailed to the address (in the language of the request), valid for EMAIL_CODE_MINUTES. ' +
      'The answer is the same whether or not the address already has a claim. ' +
      'Guards: a proof of work in `x-altcha`; rate limits per network and per address.',
  })
  @ApiProofOfWork()
  @ApiResponse({ status: HttpStatus.ACCEPTED, type: EmailCodeSentBody, description: 'The code is on its way.' })
  @ApiErrors({
    400: 'The address is not one a mail provider delivers (`errors`: email); a missing or spent proof of work; a body that is not a JSON object.',
    404: { description: 'No such case (`case.notFound`).', code: 'case.notFound' },
    409: { description: 'The case is not taking claims (`case.intakeClosed`).', code: 'case.intakeClosed' },
    413: '',
    415: '',
    429: 'Over a rate limit: per network, or codes per address.',
    503: '',
  })
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(ProtectedWriteGuard)
  async request(@Param('slug') slug: string, @Body() body: RequestEmailCodeDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const locale = negotiateLocale(acceptLanguage);
    const { verificationId, expiresAt } = await this.requestCode.execute({ caseSlug: slug, email: body.email, locale });
    return { verificationId, expiresAt, message: message(locale, 'emailCode.sent') };
  }

  @ApiOperation({
    summary: 'Trade the code for an email proof',
    description:
      'Checks the emailed code and, if it is right, gives the proof a claim submission must carry (`emailProof`, valid for EMAIL_PROOF_MINUTES). ' +
      'A code works once, until it expires, and for a few tries; every way it can be wrong gets the same answer. Guard: the per-network rate limit.',
  })
  @ApiParam({ name: 'id', description: 'The verificationId the code request answered.', schema: { type: 'string', format: 'uuid' } })
  @ApiResponse({ status: HttpStatus.OK, type: EmailProofBody, description: 'The address is proven.' })
  @ApiErrors({
    400: {
      description: 'The code is wrong, expired, spent or tried too often (`emailCode.invalid`, one answer for all); or not six digits (`request.validation`).',
      code: 'emailCode.invalid',
    },
    404: { description: 'No such case (`case.notFound`).', code: 'case.notFound' },
    413: '',
    415: '',
    429: 'Over the per-network rate limit.',
    503: '',
  })
  @Post(':id/verify')
  @HttpCode(HttpStatus.OK)
  @UseGuards(IpLimitGuard)
  verify(@Param('slug') slug: string, @Param('id') id: string, @Body() body: VerifyEmailCodeDto) {
    return this.verifyCode.execute({ caseSlug: slug, verificationId: id, code: body.code });
  }
}
