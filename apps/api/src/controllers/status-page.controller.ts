import { Controller, Get, Headers, Query, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { PortalRenderer } from '../pages/portal-renderer';

/**
 * The claimant's status page behind the emailed link: where the claim stands and how it got
 * there, what is missing and by when (each with its upload or question beside it), the
 * estimate and how it is worked out, the files sent, and the ways to see one's data, leave
 * the suit or ask for deletion. Server-rendered, phone-sized, Korean first; never cached.
 */
@Controller('status')
@UseFilters(PageExceptionFilter)
export class StatusPageController {
  constructor(private readonly portal: PortalRenderer) {}

  @Get()
  async page(
    @Query('token') token: unknown,
    @Query('lang') lang: unknown,
    @Query('notice') notice: unknown,
    @Query('case') caseSlug: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const locale = pageLocale(lang, acceptLanguage);
    const claim = await this.portal.open(reply, token, locale, caseSlug);
    if (!claim) return reply;
    return this.portal.status(reply, claim, token as string, locale, null, { notice });
  }
}
