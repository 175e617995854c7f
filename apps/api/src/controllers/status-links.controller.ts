import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { RequestEmailCodeDto, RequestStatusLink } from '@app/claimants';
import { message, negotiateLocale } from '@app/http';
import { ProtectedWriteGuard } from '@app/protection';

/** A new status link, emailed to the address on file; the old links stop working. */
@Controller('api/cases/:slug/status-links')
export class StatusLinksController {
  constructor(private readonly requestLink: RequestStatusLink) {}

  /** Always 202, claim or no claim at that address. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(ProtectedWriteGuard)
  async request(@Param('slug') slug: string, @Body() body: RequestEmailCodeDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const locale = negotiateLocale(acceptLanguage);
    await this.requestLink.execute({ caseSlug: slug, email: body.email, locale });
    return { message: message(locale, 'statusLink.sent') };
  }
}
