import { Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import escapeHtml from 'escape-html';
import { ClaimStatusQuery } from '@app/claimants';
import { ApiException, message, negotiateLocale } from '@app/http';

const esc = (s: unknown) => escapeHtml(String(s));

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
 * The claimant's status page behind the emailed link: server-rendered, phone-sized,
 * Korean first. The full claimant web app is its own piece of work; this page is what the
 * receipt email links to.
 */
@Controller()
export class StatusPageController {
  constructor(private readonly statusQuery: ClaimStatusQuery) {}

  @Get('status')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  async page(
    @Query('token') token: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const locale = negotiateLocale(acceptLanguage);
    try {
      const s = await this.statusQuery.byToken(token);
      const won = (n: number) => `${n.toLocaleString('ko-KR')}${locale === 'ko' ? '원' : ' won'}`;
      const body = [
        `<h1>${esc(s.case?.title[locale] ?? '')}</h1>`,
        `<p>${locale === 'ko' ? '접수번호' : 'Claim number'}: <strong data-testid="claim-number">${esc(s.claimNumber)}</strong></p>`,
        `<p>${locale === 'ko' ? '상태' : 'Status'}: <strong data-testid="claim-status">${esc(STATUS_LABELS[s.status]?.[locale] ?? s.status)}</strong></p>`,
        s.assessment
          ? `<p>${locale === 'ko' ? '예상 청구액' : 'Estimated claim'}: <strong>${esc(won(s.assessment.estimate.amountWon))}</strong></p>
             <ul>${(s.assessment.reasons as { ko: string; en: string }[]).map((r) => `<li>${esc(r[locale])}</li>`).join('')}</ul>`
          : '',
      ].join('\n');
      return page(locale, body);
    } catch (error) {
      if (error instanceof ApiException) {
        // An invalid, expired or replaced link is not found, said in the page's language.
        void reply.status(error.status);
        return page(locale, `<p>${esc(message(locale, error.messageKey))}</p>`);
      }
      throw error;
    }
  }
}

function page(locale: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${locale === 'ko' ? '신청 현황' : 'Claim status'}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:0 auto;padding:1rem;line-height:1.6;word-break:keep-all;overflow-wrap:anywhere}h1{font-size:1.4rem;line-height:1.4}</style></head>
<body>${body}</body></html>`;
}
