import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '@app/database';
import { ApiException } from './api-exception';
import { negotiateLocale } from './locale';
import { fieldMessage, message } from './messages';

/** Fastify's own request errors (raised before a handler runs), mapped to our keys. */
const FASTIFY_CODES: Record<string, [HttpStatus, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [HttpStatus.BAD_REQUEST, 'request.invalidJson'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [HttpStatus.BAD_REQUEST, 'request.bodyRequired'],
  FST_ERR_CTP_BODY_TOO_LARGE: [HttpStatus.PAYLOAD_TOO_LARGE, 'request.tooLarge'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'request.unsupportedMediaType'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [HttpStatus.BAD_REQUEST, 'request.badRequest'],
  FST_ERR_CTP_INVALID_TYPE: [HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'request.unsupportedMediaType'],
  FST_ERR_BAD_URL: [HttpStatus.BAD_REQUEST, 'request.badRequest'],
  FST_ERR_MAX_PARAM_LENGTH: [HttpStatus.BAD_REQUEST, 'request.badRequest'],
  FST_ERR_ASYNC_CONSTRAINT: [HttpStatus.BAD_REQUEST, 'request.badRequest'],
};

const STATUS_KEYS: Partial<Record<number, string>> = {
  400: 'request.badRequest',
  408: 'request.timeout',
  429: 'request.rateLimited',
  404: 'request.notFound',
  405: 'request.methodNotAllowed',
  413: 'request.tooLarge',
  415: 'request.unsupportedMediaType',
};

const logger = new Logger('HttpErrors');

export interface RenderedError {
  status: number;
  locale: string;
  payload: Record<string, unknown>;
  retryAfterSeconds?: number;
}

/**
 * Every error leaves as JSON in the person's language: a 4xx names what to fix, an
 * unreachable database is a quick 503, and only a real bug is a 500 (logged with its
 * stack, never with the request body).
 */
export function renderError(exception: unknown, acceptLanguage: unknown): RenderedError {
  const locale = negotiateLocale(acceptLanguage);
  const { status, key, extra } = classify(exception);
  if (status === HttpStatus.SERVICE_UNAVAILABLE) {
    logger.warn({ errCode: (exception as { code?: string })?.code }, 'dependency unavailable');
  } else if (status >= 500) {
    logger.error({ err: exception }, 'unhandled error');
  }
  const payload: Record<string, unknown> = { statusCode: status, code: key, message: message(locale, key), ...extra };
  if (exception instanceof ApiException && exception.fieldErrors.length > 0) {
    payload.errors = exception.fieldErrors.map(({ label, ...e }) => ({ ...e, message: fieldMessage(locale, e.field, e.code, label?.[locale]) }));
  }
  const retryAfterSeconds =
    exception instanceof ApiException && exception.retryAfterSeconds !== undefined
      ? exception.retryAfterSeconds
      : status === HttpStatus.SERVICE_UNAVAILABLE
        ? 5
        : undefined;
  return { status, locale, payload, retryAfterSeconds };
}

function classify(exception: unknown): { status: number; key: string; extra: Record<string, unknown> } {
  if (exception instanceof ApiException) return { status: exception.status, key: exception.messageKey, extra: exception.extra };
  const code = (exception as { code?: unknown })?.code;
  if (typeof code === 'string' && FASTIFY_CODES[code]) {
    const [status, key] = FASTIFY_CODES[code];
    return { status, key, extra: {} };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, key: STATUS_KEYS[status] ?? (status >= 500 ? 'server.error' : 'request.badRequest'), extra: {} };
  }
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, key: STATUS_KEYS[statusCode] ?? 'request.badRequest', extra: {} };
  }
  if (isDatabaseUnavailable(exception)) return { status: HttpStatus.SERVICE_UNAVAILABLE, key: 'server.unavailable', extra: {} };
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, key: 'server.error', extra: {} };
}

function send(reply: FastifyReply, { status, locale, payload, retryAfterSeconds }: RenderedError): void {
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  void reply.status(status).header('content-language', locale).header('cache-control', 'no-store').send(payload);
}

/** For errors raised outside Nest (Fastify's router): the same format, in the request's language. */
export function sendError(reply: FastifyReply, exception: unknown, acceptLanguage: unknown): void {
  send(reply, renderError(exception, acceptLanguage));
}

/**
 * Errors thrown inside Nest, and (through the error handler Nest registers on Fastify) errors
 * Fastify raises before a handler runs: body parsing, size limits, content types.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    send(http.getResponse<FastifyReply>(), renderError(exception, request?.headers?.['accept-language']));
  }
}
