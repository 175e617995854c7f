import { Body, Controller, Get, Headers, HttpStatus, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type CaseRecord, CasesService } from '@app/cases';
import { field, type FormBody, RequestStatusLink } from '@app/claimants';
import { ApiException, type Locale, message } from '@app/http';
import { ProtectedWriteGuard, SameOriginGuard } from '@app/protection';
import { fieldId, type FormErrors, formErrors } from '../pages/form-errors';
import { JOIN_COPY } from '../pages/join-copy';
import { withLang } from '../pages/join-page';
import { layoutData, pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { PORTAL_COPY } from '../pages/portal-copy';
import { firmOf, privatePage } from '../pages/portal-page';

/**
 * A lost or expired status link, asked for again by email address (with proof of work, as the
 * claim form's email step): the answer is the same whether or not the address has a claim, and
 * a new link ends every earlier one.
 */
@Controller('c/:slug/status-link')
@UseFilters(PageExceptionFilter)
export class StatusLinkPageController {
  constructor(
    private readonly cases: CasesService,
    private readonly requestLink: RequestStatusLink,
  ) {}

  @Get()
  async form(@Param('slug') slug: string, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale = pageLocale(lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    return privatePage(reply).view('portal/status-link', { ...this.page(kase, locale, `/c/${kase.slug}/status-link`), email: '', errors: null });
  }

  @Post()
  @UseGuards(SameOriginGuard, ProtectedWriteGuard)
  async request(@Param('slug') slug: string, @Body() raw: FormBody, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = pageLocale(form.lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    const email = field(form, 'email');
    try {
      if (email === '') throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'email', code: 'isDefined' }]);
      await this.requestLink.execute({ caseSlug: kase.slug, email, locale });
    } catch (error) {
      const errors: FormErrors | null = formErrors(error, locale);
      if (!errors || (error as ApiException).fieldErrors.length === 0) throw error;
      return privatePage(reply.status((error as ApiException).status)).view('portal/status-link', { ...this.page(kase, locale, `/c/${kase.slug}/status-link`), email, errors });
    }
    return reply.redirect(withLang(`/c/${kase.slug}/status-link/sent`, locale), HttpStatus.SEE_OTHER);
  }

  /** The same words whatever happened: there may or may not be a claim for that address. */
  @Get('sent')
  async sent(@Param('slug') slug: string, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale = pageLocale(lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    return privatePage(reply).view('portal/status-link-sent', { ...this.page(kase, locale, `/c/${kase.slug}/status-link/sent`), message: message(locale, 'statusLink.sent') });
  }

  private page(kase: CaseRecord, locale: Locale, path: string) {
    const copy = PORTAL_COPY[locale];
    return {
      ...layoutData(locale, path, {}, firmOf(kase, locale), `${copy.statusLink.title} · ${kase.definition.title[locale]}`),
      portal: copy,
      join: JOIN_COPY[locale],
      caseTitle: kase.definition.title[locale],
      slug: kase.slug,
      fieldId,
    };
  }
}
