import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from '@app/http';
import { layoutData, pageLocale } from './page-context';
import { PAGE_COPY } from './page-copy';

/**
 * Errors on the claimant pages as a page, not JSON: a person who is told "too many requests"
 * or "this link has expired" reads it in their language, with a way back. The status code is
 * the API's (429, 403, 404, 503 ...), and 5xx are logged by renderError as elsewhere.
 */
@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = request.body as Record<string, unknown> | undefined;
    const query = request.query as Record<string, unknown> | undefined;
    const locale = pageLocale(query?.lang ?? (body && typeof body === 'object' ? body.lang : undefined), request.headers['accept-language']);
    const rendered = renderError(exception, locale);
    const path = request.url.split('?')[0];
    const slug = /^\/c\/([a-z0-9-]{2,60})(\/|$)/.exec(path)?.[1];
    if (rendered.retryAfterSeconds !== undefined) void reply.header('retry-after', String(rendered.retryAfterSeconds));
    void reply
      .status(rendered.status)
      .header('cache-control', 'no-store')
      .view('error', {
        ...layoutData(locale, path, {}, { name: '', registrationNo: null }, PAGE_COPY[locale].errorTitle),
        message: rendered.payload.message,
        back: slug ? `/c/${slug}?lang=${locale}` : null,
      });
  }
}
