import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CasesService } from '@app/cases';
import { describeResult, isCalendarDate, runPrecheck, seoulToday } from '@app/eligibility';
import { ApiException } from '@app/http';
import { layoutData, pageLocale } from '../pages/page-context';
import { PAGE_COPY } from '../pages/page-copy';

/**
 * The pre-check, `/c/{slug}/check`: the case's pre-check questions as a plain form (it works
 * without any script), answered by the case's own rules. Nothing is stored; the answers travel
 * in the query string and the page is not cached.
 */
@Controller('c')
export class PrecheckPageController {
  constructor(private readonly cases: CasesService) {}

  @Get(':slug/check')
  async page(
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const locale = pageLocale(query.lang, acceptLanguage);
    const copy = PAGE_COPY[locale];
    const kase = await this.cases.getBySlug(slug).catch((error: unknown) => (error instanceof ApiException ? null : Promise.reject(error)));
    const precheck = kase?.definition.page?.precheck;
    if (!kase || !precheck) {
      const layout = layoutData(locale, `/c/${encodeURIComponent(slug)}/check`, {}, { name: '', registrationNo: null }, copy.notFound);
      return reply.status(404).view('status', { ...layout, error: copy.notFound });
    }
    const d = kase.definition;
    const today = seoulToday();
    const submitted = precheck.questions.some((id) => id in query) || 'birthDate' in query;
    const answers: Record<string, unknown> = {};
    const questions = precheck.questions.map((id) => {
      const q = d.questionnaire.questions.find((x) => x.id === id)!;
      const options = q.type === 'yes_no'
        ? [{ value: 'true', label: locale === 'ko' ? '예' : 'Yes' }, { value: 'false', label: locale === 'ko' ? '아니요' : 'No' }]
        : q.options!.map((o) => ({ value: o.value, label: o.label[locale] }));
      const raw = typeof query[id] === 'string' ? query[id] : undefined;
      const chosen = options.some((o) => o.value === raw) ? raw : undefined;
      if (chosen !== undefined) answers[id] = q.type === 'yes_no' ? chosen === 'true' : chosen;
      return { id, text: q.text[locale], options: options.map((o) => ({ ...o, checked: o.value === chosen })), error: submitted && chosen === undefined ? copy.answerThis : null };
    });
    const rawBirth = typeof query.birthDate === 'string' ? query.birthDate : '';
    const birthValid = isCalendarDate(rawBirth) && rawBirth >= '1900-01-01' && rawBirth <= today;
    const birthDate = precheck.askBirthDate ? { value: birthValid ? rawBirth : '', error: submitted && !birthValid ? copy.birthDateError : null } : null;
    const complete = submitted && questions.every((q) => !q.error) && !birthDate?.error;
    let result = null;
    if (complete) {
      const outcome = runPrecheck(precheck, { questionnaire: d.questionnaire, rules: d.rules, limitationYears: d.limitationYears }, { answers, birthDate: birthValid ? rawBirth : null, today });
      result = {
        outcome: outcome.outcome,
        ...copy.outcomes[outcome.outcome],
        reasons: outcome.failed.map((r) => describeResult(d.rules, d.questionnaire, r)[locale]),
      };
    }
    const keep = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'lang'));
    const firm = { name: locale === 'ko' ? kase.firm.nameKo : kase.firm.nameEn, registrationNo: kase.firm.registrationNo };
    return reply.header('cache-control', 'no-store').view('precheck', {
      ...layoutData(locale, `/c/${kase.slug}/check`, keep, firm, `${copy.precheckHeading} · ${d.title[locale]}`),
      heading: copy.precheckHeading,
      action: `/c/${kase.slug}/check`,
      casePage: `/c/${kase.slug}?lang=${locale}`,
      questions,
      birthDate,
      result,
    });
  }
}
