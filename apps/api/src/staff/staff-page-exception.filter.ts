import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiException, renderError } from '@app/http';
import type { StaffRequestContext } from '@app/staff';
import { CONSOLE_COPY } from './console-copy';
import { consoleReply, staffLocale, staffPage } from './staff-page';

/**
 * Errors on the console's pages as pages in the console's language. A request without a live
 * session gets the sign-in form itself, with 401, and comes back to where it was after signing
 * in; anything else the error page with its status (403, 404, 429 ...).
 */
@Catch()
export class StaffPageExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = consoleReply(http.getResponse<FastifyReply>());
    const locale = staffLocale(request);
    const rendered = renderError(exception, locale);
    if (rendered.retryAfterSeconds !== undefined) void reply.header('retry-after', String(rendered.retryAfterSeconds));
    const copy = CONSOLE_COPY[locale];
    if (exception instanceof ApiException && exception.status === HttpStatus.UNAUTHORIZED && exception.messageKey === 'staff.signInRequired') {
      const next = request.method === 'GET' ? request.url.split('?')[0] : '';
      void reply.status(rendered.status).view('staff/sign-in', {
        ...staffPage(locale, request, null, copy.signIn.title),
        email: '',
        next: next.startsWith('/staff/') && !next.startsWith('/staff/sign-in') ? next : '',
        flash: rendered.payload.message,
      });
      return;
    }
    const staff = (request as { staff?: StaffRequestContext }).staff ?? null;
    void reply.status(rendered.status).view('staff/error', { ...staffPage(locale, request, staff, copy.errorTitle), message: rendered.payload.message });
  }
}
