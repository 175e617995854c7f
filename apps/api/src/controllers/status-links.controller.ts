import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequestEmailCodeDto, RequestStatusLink } from '@app/claimants';
import { message, negotiateLocale } from '@app/http';
import { ProtectedWriteGuard } from '@app/protection';
import { ApiErrors } from '../openapi/api-error';
import { ApiAcceptLanguage, ApiCaseSlug, ApiProofOfWork } from '../openapi/api-parameters';
import { StatusLinkSentBody } from '../openapi/email-code.responses';

/** A new status link, emailed to the address on file; the old links stop working. */
@ApiTags('Status links')
@ApiAcceptLanguage()
@Controller('api/cases/:slug/status-links')
export class StatusLinksController {
  constructor(private readonly requestLink: RequestStatusLink) {}

  /** Always 202, claim or no claim at that address. */
  @ApiOperation({
    summary: 'Email a new status link',
    description:
      'If the address has a claim in the case, a new status link is emailed to it and the older links stop working. ' +
      'The answer is the same whether or not there is a claim. Guards: a proof of work in `x-altcha`; rate limits per network and per address.',
  })
  @ApiCaseSlug()
  @ApiProofOfWork()
  @ApiBody({ type: RequestEmailCodeDto, description: 'The address the claim was filed with.' })
  @ApiResponse({ status: HttpStatus.ACCEPTED, type: StatusLinkSentBody, description: 'A link is on its way if there is a claim.' })
  @ApiErrors({
    400: 'The address is not one a mail provider delivers (`errors`: email); a missing or spent proof of work; a body that is not a JSON object.',
    404: { description: 'No such case (`case.notFound`).', code: 'case.notFound' },
    413: '',
    415: '',
    429: 'Over a rate limit: per network, or links per address.',
    503: '',
  })
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(ProtectedWriteGuard)
  async request(@Param('slug') slug: string, @Body() body: RequestEmailCodeDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const locale = negotiateLocale(acceptLanguage);
    await this.requestLink.execute({ caseSlug: slug, email: body.email, locale });
    return { message: message(locale, 'statusLink.sent') };
  }
}
