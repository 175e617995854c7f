import { Body, Controller, Get, Headers, HttpStatus, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canTransition, field, type FormBody, WithdrawClaim } from '@app/claimants';
import { ApiException, type Locale } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import { type FormErrors, formErrors } from '../pages/form-errors';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { PORTAL_COPY } from '../pages/portal-copy';
import { portalHref, portalPage, privatePage } from '../pages/portal-page';
import { isInvalidLink, type PortalClaim, PortalRenderer } from '../pages/portal-renderer';

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
    const token = field(form, 'token');
    if (field(form, 'confirm') !== 'yes') {
      const claim = await this.portal.open(reply, token, locale);
      if (!claim) return reply;
      const errors = formErrors(new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'confirm', code: 'equals' }]), locale);
      return this.render(reply.status(HttpStatus.BAD_REQUEST), claim, token, locale, errors);
    }
    try {
      await this.withdrawClaim.execute({ token, confirm: true });
    } catch (error) {
      if (isInvalidLink(error)) return this.portal.invalidLink(reply, locale);
      throw error;
    }
    return reply.redirect(portalHref('/status', token, locale, { notice: 'withdrawn' }), HttpStatus.SEE_OTHER);
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
