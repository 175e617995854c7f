import { Controller, Get, Headers, Ip, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CasesService } from '@app/cases';
import { MyDataQuery } from '@app/claimants';
import { ApiException } from '@app/http';
import { IpLimitGuard } from '@app/protection';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { PORTAL_COPY } from '../pages/portal-copy';
import { myDataView } from '../pages/portal-my-data.view';
import { portalPage, privatePage } from '../pages/portal-page';
import { isInvalidLink, PortalRenderer } from '../pages/portal-renderer';

/**
 * The claimant's own data as a page (PIPA's right of access), beside the JSON download: who
 * they are, their guardian, their answers in the questions' words, the consents and the
 * signature record with the mandate exactly as shown, and the assessments. The query logs the
 * read as the claimant's own; the page is never cached.
 */
@Controller('status/my-data')
@UseFilters(PageExceptionFilter)
export class PortalMyDataController {
  constructor(
    private readonly myData: MyDataQuery,
    private readonly cases: CasesService,
    private readonly portal: PortalRenderer,
  ) {}

  @Get()
  @UseGuards(IpLimitGuard)
  async page(@Query('token') token: unknown, @Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Ip() ip: string, @Res() reply: FastifyReply) {
    const locale = pageLocale(lang, acceptLanguage);
    let data: Awaited<ReturnType<MyDataQuery['byToken']>>;
    try {
      data = await this.myData.byToken(token, ip);
    } catch (error) {
      if (isInvalidLink(error)) return this.portal.invalidLink(reply, locale);
      throw error;
    }
    const kase = data.case ? await this.cases.getBySlug(data.case.slug).catch((error: unknown) => (error instanceof ApiException ? null : Promise.reject(error))) : null;
    // The answers and consents in the words of the case version the claim was taken under.
    const taken = kase && data.claim.caseVersion !== null ? await this.cases.definitionAt(kase.id, data.claim.caseVersion) : null;
    const def = taken ?? kase?.definition ?? null;
    return privatePage(reply).view('portal/my-data', {
      ...portalPage(locale, '/status/my-data', token as string, kase, PORTAL_COPY[locale].myData.title),
      data: myDataView(data, def, locale),
      jsonHref: `/api/claims/my-data?${new URLSearchParams({ token: token as string }).toString()}`,
    });
  }
}
