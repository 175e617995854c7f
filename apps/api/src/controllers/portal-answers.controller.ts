import { Body, Controller, HttpStatus, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answersFromForm, CureClaim, field, fieldList, type FormBody } from '@app/claimants';
import { seoulToday } from '@app/eligibility';
import { ApiException } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import { formErrors, renameField } from '../pages/form-errors';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { portalHref } from '../pages/portal-page';
import { isInvalidLink, PortalRenderer } from '../pages/portal-renderer';

/**
 * Answers to what a deficiency notice asked, from the status page: the questions the form
 * carried (named in its `question` fields), read as the claim form reads them, then the cure
 * (merged with the earlier answers, checked against the case's questionnaire, assessed again).
 * A refused answer comes back on the status page beside its question.
 */
@Controller('status/answers')
@UseFilters(PageExceptionFilter)
export class PortalAnswersController {
  constructor(
    private readonly cure: CureClaim,
    private readonly portal: PortalRenderer,
  ) {}

  @Post()
  @UseGuards(SameOriginGuard, IpLimitGuard)
  async answer(@Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = pageLocale(form.lang, request.headers['accept-language']);
    const token = field(form, 'token');
    const claim = await this.portal.open(reply, token, locale);
    if (!claim) return reply;
    const def = claim.kase?.definition;
    const carried = new Set(fieldList(form, 'question'));
    const questions = (def?.questionnaire.questions ?? []).filter((q) => carried.has(q.id));
    // Nothing this form could answer (an old page, or not our form): the page as it stands.
    if (!def || questions.length === 0) return reply.redirect(portalHref('/status', token, locale), HttpStatus.SEE_OTHER);
    // Only the carried questions, each read as asked: whether a question is shown depends on the
    // earlier answers too, which the cure merges and checks, not on this form alone.
    const answers = answersFromForm({ ...def.questionnaire, questions: questions.map(({ showIf: _shown, ...q }) => q) }, form, seoulToday());
    try {
      await this.cure.execute({ token, answers });
      return reply.redirect(portalHref('/status', token, locale, { notice: 'answered' }), HttpStatus.SEE_OTHER);
    } catch (error) {
      if (isInvalidLink(error)) return this.portal.invalidLink(reply, locale);
      if (!(error instanceof ApiException) || error.status >= 500 || error.status === HttpStatus.TOO_MANY_REQUESTS) throw error;
      // The cure names answers as the API does (answers.<id>); the page's fields are q.<id>.
      let errors = formErrors(error, locale)!;
      for (const e of error.fieldErrors) if (e.field.startsWith('answers.')) errors = renameField(errors, e.field, `q.${e.field.slice('answers.'.length)}`);
      errors = renameField(errors, 'answers', `q.${questions[0].id}`);
      return this.portal.status(reply.status(error.status), claim, token, locale, errors, { answers: form });
    }
  }
}
