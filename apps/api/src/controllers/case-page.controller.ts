import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CasesService, isIntakeOpen } from '@app/cases';
import { ApiException } from '@app/http';
import { layoutData, pageLocale } from '../pages/page-context';
import { PAGE_COPY } from '../pages/page-copy';

/**
 * The public case page, `/c/{slug}`: what happened, what it may pay and what it costs, the
 * dates, the firm, the questions people ask and the scam warning. Rendered from the active
 * case definition; cacheable for a minute, so a CDN can take a surge.
 */
@Controller('c')
export class CasePageController {
  constructor(private readonly cases: CasesService) {}

  @Get(':slug')
  async page(
    @Param('slug') slug: string,
    @Query('lang') lang: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const locale = pageLocale(lang, acceptLanguage);
    const copy = PAGE_COPY[locale];
    const kase = await this.cases.getBySlug(slug).catch((error: unknown) => {
      if (error instanceof ApiException) return null;
      throw error;
    });
    if (!kase) {
      const layout = layoutData(locale, `/c/${encodeURIComponent(slug)}`, {}, { name: '', registrationNo: null }, copy.notFound);
      return reply.status(404).header('cache-control', 'no-store').view('status', { ...layout, error: copy.notFound });
    }
    const d = kase.definition;
    const won = (n: number) => n.toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-US');
    const date = (iso: string) => new Date(iso).toLocaleDateString(locale === 'ko' ? 'ko-KR' : 'en-GB', { timeZone: 'Asia/Seoul', year: 'numeric', month: 'long', day: 'numeric' });
    const firm = { name: locale === 'ko' ? kase.firm.nameKo : kase.firm.nameEn, registrationNo: kase.firm.registrationNo };
    return reply
      .header('cache-control', 'public, max-age=60')
      .header('vary', 'accept-language')
      .view('case', {
        ...layoutData(locale, `/c/${kase.slug}`, {}, firm, d.title[locale]),
        title: d.title[locale],
        summary: d.summary[locale],
        defendant: d.defendant[locale],
        amountRange: copy.amountRange(won(d.damages.minWon), won(d.damages.maxWon)),
        dates: {
          disclosedOn: date(`${d.facts.incidentDisclosedOn}T00:00:00+09:00`),
          intakeCloses: date(kase.intakeClosesAt.toISOString()),
          limitation: copy.limitationYears(d.limitationYears),
        },
        intakeOpen: isIntakeOpen(kase),
        mandate: d.mandate.text[locale],
        faq: (d.page?.faq ?? []).map((item) => ({ q: item.q[locale], a: item.a[locale] })),
        precheckHref: d.page?.precheck ? `/c/${kase.slug}/check?lang=${locale}` : null,
        joinHref: `/c/${kase.slug}/join?lang=${locale}`,
        statusLinkHref: `/c/${kase.slug}/status-link?lang=${locale}`,
      });
  }
}
