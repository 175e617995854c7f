import { Body, Controller, Get, Headers, HttpStatus, Ip, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CasesService } from '@app/cases';
import { canOpen, DraftAccess, type DraftStep, type FormBody, isDraftStep, type OpenedDraft, SaveDraftStep, SubmitDraft } from '@app/claimants';
import { ApiException, type Locale } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import { draftSession } from '../pages/draft-cookie';
import { formErrors } from '../pages/form-errors';
import { joinPage, stepPath, withLang } from '../pages/join-page';
import { JoinStepRenderer } from '../pages/join-step-renderer';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';

const EDITABLE = new Set<DraftStep>(['consents', 'identity', 'questions', 'evidence', 'mandate']);

/**
 * The claim form's steps, `/c/{slug}/join/{step}`: each a plain HTML form (it works without the
 * script), saved as the person goes, in the order consent → details → questions → evidence →
 * mandate → review. A refused step comes back with every problem beside its field and in a
 * summary at the top; a step further than the person has reached sends them to where they are.
 */
@Controller('c/:slug/join')
@UseFilters(PageExceptionFilter)
export class JoinStepsController {
  constructor(
    private readonly cases: CasesService,
    private readonly drafts: DraftAccess,
    private readonly saveStep: SaveDraftStep,
    private readonly submitDraft: SubmitDraft,
    private readonly renderer: JoinStepRenderer,
  ) {}

  @Get('done')
  async done(@Param('slug') slug: string, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = pageLocale(lang, acceptLanguage);
    const kase = await this.cases.getBySlug(slug);
    const claim = await this.drafts.claimOf(draftSession(request), slug);
    if (!claim) return reply.redirect(withLang(`/c/${slug}/join`, locale), HttpStatus.SEE_OTHER);
    return reply.view('join/done', { ...joinPage(kase, locale, 'review', null), claimNumber: claim.claimNumber });
  }

  @Get(':step')
  async show(
    @Param('slug') slug: string,
    @Param('step') step: string,
    @Query('lang') lang: unknown,
    @Query('notice') notice: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isDraftStep(step)) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    const opened = await this.open(request, reply, slug, lang);
    if (!opened) return reply;
    const locale: Locale = lang === 'ko' || lang === 'en' ? lang : opened.draft.locale;
    const progress = this.drafts.progress(opened, locale);
    if (!canOpen(step, opened.data, opened.kase.definition, { today: progress.today, mandateSha256: progress.mandate?.sha256 ?? null })) {
      return reply.redirect(withLang(stepPath(slug, progress.current), locale), HttpStatus.SEE_OTHER);
    }
    return this.renderer.render(reply, opened, step, locale, null, null, typeof notice === 'string' ? notice : null);
  }

  @Post('submit')
  @UseGuards(SameOriginGuard)
  async submit(@Param('slug') slug: string, @Body() form: FormBody, @Ip() ip: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = pageLocale(form?.lang, request.headers['accept-language']);
    try {
      await this.submitDraft.execute({ session: draftSession(request), caseSlug: slug, locale, ip });
      return reply.redirect(withLang(`/c/${slug}/join/done`, locale), HttpStatus.SEE_OTHER);
    } catch (error) {
      if (error instanceof ApiException && error.messageKey === 'draft.incomplete') {
        return reply.redirect(withLang(stepPath(slug, error.extra.step as DraftStep), locale), HttpStatus.SEE_OTHER);
      }
      if (error instanceof ApiException && error.messageKey === 'draft.sessionInvalid') return this.expired(reply, slug, locale, error);
      throw error;
    }
  }

  @Post(':step')
  @UseGuards(SameOriginGuard, IpLimitGuard)
  async save(@Param('slug') slug: string, @Param('step') step: string, @Body() form: FormBody, @Ip() ip: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!isDraftStep(step) || !EDITABLE.has(step)) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    const locale = pageLocale(form?.lang, request.headers['accept-language']);
    const session = draftSession(request);
    try {
      const { next } = await this.saveStep.execute({
        session, caseSlug: slug, step: step as Exclude<DraftStep, 'review'>, form: form ?? {}, language: locale, ip, userAgent: request.headers['user-agent'] ?? '',
      });
      return reply.redirect(withLang(stepPath(slug, next), locale), HttpStatus.SEE_OTHER);
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      if (error.messageKey === 'draft.sessionInvalid') return this.expired(reply, slug, locale, error);
      if (error.messageKey === 'draft.submitted') return reply.redirect(withLang(`/c/${slug}/join/done`, locale), HttpStatus.SEE_OTHER);
      if (error.messageKey === 'draft.stepLocked') return reply.redirect(withLang(stepPath(slug, error.extra.step as DraftStep), locale), HttpStatus.SEE_OTHER);
      if (error.fieldErrors.length === 0) throw error;
      const opened = await this.drafts.open(session, slug);
      return this.renderer.render(reply.status(error.status), opened, step, locale, form ?? {}, formErrors(error, locale));
    }
  }

  /** The session's draft, or the page that says it cannot be opened (or the filed claim's page). */
  private async open(request: FastifyRequest, reply: FastifyReply, slug: string, lang: unknown): Promise<OpenedDraft | null> {
    try {
      return await this.drafts.open(draftSession(request), slug);
    } catch (error) {
      const locale = pageLocale(lang, request.headers['accept-language']);
      if (error instanceof ApiException && error.messageKey === 'draft.submitted') {
        await reply.redirect(withLang(`/c/${slug}/join/done`, locale), HttpStatus.SEE_OTHER);
        return null;
      }
      if (error instanceof ApiException && error.messageKey === 'draft.sessionInvalid') {
        await this.expired(reply, slug, locale, error);
        return null;
      }
      throw error;
    }
  }

  private async expired(reply: FastifyReply, slug: string, locale: Locale, error: ApiException) {
    const kase = await this.cases.getBySlug(slug);
    return reply.status(error.status).header('cache-control', 'no-store').view('join/expired', { ...joinPage(kase, locale, 'email', null), message: formErrors(error, locale)!.message });
  }
}
