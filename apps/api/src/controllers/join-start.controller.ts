import { Body, Controller, Get, Headers, HttpStatus, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CasesService, isIntakeOpen } from '@app/cases';
import { AppConfig } from '@app/config';
import { DraftAccess, RequestEmailCode, ResumeDraft, StartDraft, VerifyEmailCodeDto } from '@app/claimants';
import { ApiException, type Locale, validateBody } from '@app/http';
import { IpLimitGuard, ProtectedWriteGuard, SameOriginGuard } from '@app/protection';
import { clearDraftCookie, draftSession, setDraftCookie } from '../pages/draft-cookie';
import { fieldId, formErrors } from '../pages/form-errors';
import { joinPage, stepPath, withLang } from '../pages/join-page';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';

type Form = Record<string, unknown>;
const text = (form: Form, name: string) => (typeof form?.[name] === 'string' ? (form[name] as string).trim() : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The way into the claim form, `/c/{slug}/join`: prove the email address with a code (the
 * public-surface endpoints' use cases, proof of work included), which opens the person's draft
 * in this browser (an HttpOnly cookie); the emailed link opens it again on any device.
 */
@Controller('c/:slug/join')
@UseFilters(PageExceptionFilter)
export class JoinStartController {
  constructor(
    private readonly cases: CasesService,
    private readonly requestCode: RequestEmailCode,
    private readonly startDraft: StartDraft,
    private readonly resumeDraft: ResumeDraft,
    private readonly drafts: DraftAccess,
    private readonly config: AppConfig,
  ) {}

  /** The email step, or (with a live session) the step the person is on. */
  @Get()
  async start(@Param('slug') slug: string, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const kase = await this.cases.getBySlug(slug);
    const session = draftSession(request);
    if (session) {
      const opened = await this.drafts.open(session, slug).catch(() => null);
      if (opened) {
        // The language chosen on this page, else the one the form was last saved in.
        const locale: Locale = lang === 'ko' || lang === 'en' ? lang : opened.draft.locale;
        return reply.redirect(withLang(stepPath(slug, this.drafts.progress(opened, locale).current), locale), HttpStatus.SEE_OTHER);
      }
      if (await this.drafts.claimOf(session, slug)) return reply.redirect(withLang(`/c/${slug}/join/done`, pageLocale(lang, acceptLanguage)), HttpStatus.SEE_OTHER);
    }
    const locale = pageLocale(lang, acceptLanguage);
    return reply.view('join/email', { ...joinPage(kase, locale, 'email', null), email: '', fieldId });
  }

  @Post('email')
  @UseGuards(SameOriginGuard, ProtectedWriteGuard)
  async email(@Param('slug') slug: string, @Body() form: Form, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale = pageLocale(form?.lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    const email = text(form, 'email');
    try {
      if (!isIntakeOpen(kase)) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
      if (email === '') throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'email', code: 'isDefined' }]);
      const { verificationId } = await this.requestCode.execute({ caseSlug: slug, email, locale });
      return reply.redirect(withLang(`/c/${slug}/join/code`, locale, { v: verificationId }), HttpStatus.SEE_OTHER);
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || (error as ApiException).fieldErrors.length === 0) throw error;
      return reply.status((error as ApiException).status).view('join/email', { ...joinPage(kase, locale, 'email', null), email, errors, fieldId });
    }
  }

  @Get('code')
  async codeForm(@Param('slug') slug: string, @Query('v') verificationId: unknown, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale = pageLocale(lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    if (typeof verificationId !== 'string' || !UUID.test(verificationId)) return reply.redirect(withLang(`/c/${slug}/join`, locale), HttpStatus.SEE_OTHER);
    return reply.view('join/code', { ...joinPage(kase, locale, 'email', null, { v: verificationId }), verificationId, fieldId });
  }

  @Post('code')
  @UseGuards(SameOriginGuard, IpLimitGuard)
  async code(@Param('slug') slug: string, @Body() form: Form, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale = pageLocale(form?.lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    const verificationId = text(form, 'verificationId');
    if (!UUID.test(verificationId)) return reply.redirect(withLang(`/c/${slug}/join`, locale), HttpStatus.SEE_OTHER);
    try {
      const { instance, errors } = await validateBody(VerifyEmailCodeDto, { code: text(form, 'code') });
      if (errors.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
      const started = await this.startDraft.execute({ caseSlug: slug, verificationId, code: instance.code, locale });
      if (started.kind === 'claimed') return reply.view('join/claimed', joinPage(kase, locale, 'email', null));
      setDraftCookie(reply, started.session, started.sessionExpiresAt, this.config.PUBLIC_BASE_URL);
      return reply.redirect(withLang(`/c/${slug}/join`, locale), HttpStatus.SEE_OTHER);
    } catch (error) {
      if (!(error instanceof ApiException) || error.status >= 500 || error.status === HttpStatus.TOO_MANY_REQUESTS) throw error;
      // A wrong, spent or expired code is said beside the field, with a way to get a new one.
      const errors = formErrors(error.fieldErrors.length ? error : new ApiException(error.status, error.messageKey, [{ field: 'code', code: error.messageKey }]), locale)!;
      return reply.status(error.status).view('join/code', { ...joinPage(kase, locale, 'email', null, { v: verificationId }), verificationId, errors, fieldId });
    }
  }

  /** The emailed link: it opens the draft in this browser, and the address bar forgets the token. */
  @Get('resume')
  async resume(@Param('slug') slug: string, @Query('token') token: unknown, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale = pageLocale(lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    void reply.header('referrer-policy', 'no-referrer');
    try {
      const resumed = await this.resumeDraft.execute(token);
      setDraftCookie(reply, resumed.session, resumed.sessionExpiresAt, this.config.PUBLIC_BASE_URL);
      return reply.redirect(withLang(resumed.submitted ? `/c/${slug}/join/done` : `/c/${slug}/join`, locale), HttpStatus.SEE_OTHER);
    } catch (error) {
      if (!(error instanceof ApiException) || error.status >= 500) throw error;
      return reply.status(error.status).view('join/expired', { ...joinPage(kase, locale, 'email', null), message: formErrors(error, locale)!.message });
    }
  }

  /** Ends the form's session in this browser (a shared phone); the draft stays for the emailed link. */
  @Post('leave')
  @UseGuards(SameOriginGuard)
  leave(@Param('slug') slug: string, @Body() form: Form, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply) {
    const locale: Locale = pageLocale(form?.lang, acceptLanguage);
    clearDraftCookie(reply, this.config.PUBLIC_BASE_URL);
    return reply.redirect(withLang(`/c/${slug}`, locale), HttpStatus.SEE_OTHER);
  }
}
