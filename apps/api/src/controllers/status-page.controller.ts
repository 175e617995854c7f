import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClaimStatusQuery } from '@app/claimants';
import { ApiException, message } from '@app/http';
import { layoutData, pageLocale } from '../pages/page-context';
import { PAGE_COPY } from '../pages/page-copy';

const STATUS_LABELS: Record<string, { ko: string; en: string }> = {
  submitted: { ko: '접수됨 · 자동 확인 중', en: 'Received · automatic checks running' },
  screened: { ko: '자동 확인 완료 · 담당 변호사 검토 대기', en: 'Checked · waiting for a lawyer' },
  needs_information: { ko: '추가 자료 필요', en: 'More information needed' },
  manual_review: { ko: '담당자 확인 중', en: 'Being reviewed by staff' },
  approved: { ko: '승인됨 · 소 제기 대기', en: 'Approved · waiting to be filed' },
  rejected: { ko: '참여 불가', en: 'Not accepted' },
  filed: { ko: '소 제기 완료', en: 'Filed with the court' },
  withdrawn: { ko: '철회됨', en: 'Withdrawn' },
};

/**
 * The claimant's status page behind the emailed link: where the claim stands, what is missing
 * and by when, and how the amount is worked out. Server-rendered from a template, phone-sized,
 * Korean first; never cached.
 */
@Controller()
export class StatusPageController {
  constructor(private readonly statusQuery: ClaimStatusQuery) {}

  @Get('status')
  async page(
    @Query('token') token: unknown,
    @Query('lang') lang: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const locale = pageLocale(lang, acceptLanguage);
    const copy = PAGE_COPY[locale];
    const query: Record<string, string> = typeof token === 'string' ? { token } : {};
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    try {
      const s = await this.statusQuery.byToken(token);
      const firm = { name: '', registrationNo: null };
      return reply.view('status', {
        ...layoutData(locale, '/status', query, firm, copy.statusTitle),
        caseTitle: s.case?.title[locale] ?? '',
        claimNumber: s.claimNumber,
        status: STATUS_LABELS[s.status]?.[locale] ?? s.status,
        estimate: s.assessment ? copy.won(s.assessment.estimate.amountWon) : null,
        deficiencies: s.assessment?.deficiencies.map((d) => d[locale]) ?? [],
        cureBy: s.assessment?.cureBy ?? null,
        breakdown: s.assessment?.estimate.breakdown.map((l) => `${l[locale]}: ${copy.won(l.won)}`) ?? [],
        reasons: s.assessment?.reasons.map((r) => r[locale]) ?? [],
      });
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      // An invalid, expired or replaced link is not found, said in the page's language.
      return reply.status(error.status).view('status', {
        ...layoutData(locale, '/status', query, { name: '', registrationNo: null }, copy.statusTitle),
        error: message(locale, error.messageKey),
      });
    }
  }
}
