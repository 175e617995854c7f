import { Body, Controller, Get, Headers, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, RequestDeletion } from '@app/claimants';
import type { Locale } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import type { FormErrors } from '../pages/form-errors';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { PORTAL_COPY } from '../pages/portal-copy';
import { portalPage, privatePage, seoulDay } from '../pages/portal-page';
import { type PortalClaim, PortalRenderer } from '../pages/portal-renderer';

/**
 * Asking for one's data to be deleted, from the status page: a page that says what it means
 * (leaving the suit too, done within 10 days, records the law requires kept until their
 * retention ends) and asks for a tick, then the request (withdrawn, recorded, one email).
 */
@Controller('status/delete')
@UseFilters(PageExceptionFilter)
export class PortalDeletionController {
  constructor(
    private readonly requestDeletion: RequestDeletion,
    private readonly portal: PortalRenderer,
  ) {}

  @Get()
  async page(@Query('token') token: unknown, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale = pageLocale(lang, acceptLanguage);
    const claim = await this.portal.open(reply, token, locale);
    if (!claim) return reply;
    return this.render(reply, claim, token as string, locale, null);
  }

  @Post()
  @UseGuards(SameOriginGuard, IpLimitGuard)
  async request(@Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = pageLocale(form.lang, request.headers['accept-language']);
    return this.portal.confirmed(reply, form, locale, {
      refusal: 'deletionConfirmed',
      notice: 'deletion',
      act: (token) => this.requestDeletion.execute({ token }),
      render: (r, claim, token, errors) => this.render(r, claim, token, locale, errors),
    });
  }

  private render(reply: FastifyReply, claim: PortalClaim, token: string, locale: Locale, errors: FormErrors | null) {
    const copy = PORTAL_COPY[locale].deletion;
    const open = claim.status.deletionRequest;
    return privatePage(reply).view('portal/delete', {
      ...portalPage(locale, '/status/delete', token, claim.kase, copy.title),
      errors,
      claimNumber: claim.status.claimNumber,
      openRequest: open ? seoulDay(open.dueBy, locale) : null,
    });
  }
}
