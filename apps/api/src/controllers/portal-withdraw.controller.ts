import { Body, Controller, Get, Headers, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canTransition, type FormBody, WithdrawClaim } from '@app/claimants';
import type { Locale } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import type { FormErrors } from '../pages/form-errors';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { PORTAL_COPY } from '../pages/portal-copy';
import { portalHref, portalPage, privatePage } from '../pages/portal-page';
import { type PortalClaim, PortalRenderer } from '../pages/portal-renderer';

/**
 * Leaving the suit from the status page: a page that says what leaving means (no cost, the
 * firm stops acting, the data stays until its retention ends unless deletion is asked for too)
 * and asks for a tick, then the withdrawal (one event, one confirmation email).
 */
@Controller('status/withdraw')
@UseFilters(PageExceptionFilter)
export class PortalWithdrawController {
  constructor(
    private readonly withdrawClaim: WithdrawClaim,
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
  async withdraw(@Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = pageLocale(form.lang, request.headers['accept-language']);
    return this.portal.confirmed(reply, form, locale, {
      refusal: 'equals',
      notice: 'withdrawn',
      act: (token) => this.withdrawClaim.execute({ token, confirm: true }),
      render: (r, claim, token, errors) => this.render(r, claim, token, locale, errors),
    });
  }

  private render(reply: FastifyReply, claim: PortalClaim, token: string, locale: Locale, errors: FormErrors | null) {
    const copy = PORTAL_COPY[locale].withdraw;
    const s = claim.status;
    const closed = s.status === 'withdrawn' ? copy.already : canTransition(s.status, 'withdrawn') ? null : copy.notPossible;
    return privatePage(reply).view('portal/withdraw', {
      ...portalPage(locale, '/status/withdraw', token, claim.kase, copy.title),
      errors,
      claimNumber: s.claimNumber,
      closed,
      deletionHref: s.deletionRequest ? null : portalHref('/status/delete', token, locale),
    });
  }
}
