import { Body, Controller, Get, Headers, HttpStatus, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, type FormBody, RequestDeletion } from '@app/claimants';
import { ApiException, type Locale } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import { type FormErrors, formErrors } from '../pages/form-errors';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { PORTAL_COPY } from '../pages/portal-copy';
import { portalHref, portalPage, privatePage, seoulDay } from '../pages/portal-page';
import { isInvalidLink, type PortalClaim, PortalRenderer } from '../pages/portal-renderer';

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
    const token = field(form, 'token');
    if (field(form, 'confirm') !== 'yes') {
      const claim = await this.portal.open(reply, token, locale);
      if (!claim) return reply;
      const errors = formErrors(new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'confirm', code: 'deletionConfirmed' }]), locale);
      return this.render(reply.status(HttpStatus.BAD_REQUEST), claim, token, locale, errors);
    }
    try {
      await this.requestDeletion.execute({ token });
    } catch (error) {
      if (isInvalidLink(error)) return this.portal.invalidLink(reply, locale);
      throw error;
    }
    return reply.redirect(portalHref('/status', token, locale, { notice: 'deletion' }), HttpStatus.SEE_OTHER);
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
