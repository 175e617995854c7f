import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Eta } from 'eta';
import { HttpStatus } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import {
  AllExceptionsFilter, ApiException, clientErrorHandler, installBodyDeadline, installFormParser, installJsonParser, sendError, StrictValidationPipe,
} from '@app/http';
import { ApiModule } from './api.module';
import { API_DOCS_PATH, buildApiDocument } from './openapi/api-document';
import { assetsDirectory, claimantAssets, staffAssets } from './pages/assets';
import { viewsDirectory } from './pages/page-context';

/** Every page's policy: its script and stylesheet are files of this origin, nothing inline, nothing from elsewhere. */
export const PAGE_CSP: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI's policy (/api/docs): its own scripts and stylesheet, but inline <style> blocks and
 * data: images in that stylesheet; it fetches nothing but this origin.
 */
export const DOCS_CSP: Record<string, string[]> = {
  ...PAGE_CSP,
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
};

/**
 * Gives the routes under `prefix` a policy of their own instead of PAGE_CSP (Swagger UI at
 * /api/docs needs inline styles, say). Call it in createApi, before the app starts.
 */
export function useContentSecurityPolicy(fastify: FastifyInstance, prefix: string, directives: Record<string, string[]>): void {
  const header = Object.entries(directives).map(([name, values]) => [name, ...values].join(' ')).join('; ');
  const base = prefix.replace(/\/+$/, '');
  fastify.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0];
    if (path === base || path.startsWith(`${base}/`)) void reply.header('content-security-policy', header);
    return payload;
  });
}

/** Bodies the JSON API does not take: HTML forms and uploads are for the pages. */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** Builds the API application; main.ts and the end-to-end tests both use it. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  // The pages' script and stylesheet must be built: read their names now, not at the first page.
  claimantAssets();
  staffAssets();
  const requestTimeoutMs = config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
  // Node's limit on a whole request is the upload's; other bodies get theirs in installBodyDeadline.
  const serverRequestTimeoutMs = Math.max(requestTimeoutMs, config.HTTP_UPLOAD_TIMEOUT_SECONDS * 1000);
  const idleTimeoutMs = config.HTTP_IDLE_TIMEOUT_SECONDS * 1000;
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Only configured proxies may tell us the client's address; anyone else could forge it.
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A connection that sends nothing for this long is closed, kept-alive ones included.
    connectionTimeout: idleTimeoutMs,
    keepAliveTimeout: Math.min(idleTimeoutMs, 5_000),
    requestTimeout: serverRequestTimeoutMs,
    // Headers and body must arrive in time, checked every second (Node checks every 30 s by
    // default, which let a slow sender hold a connection half a minute past its deadline).
    http: { headersTimeout: requestTimeoutMs, requestTimeout: serverRequestTimeoutMs, connectionsCheckingInterval: 1_000 },
    // A request past Node's limit (an upload), or one that is not HTTP, in the one error format.
    clientErrorHandler,
    // Router errors (bad URL encoding, an over-long parameter) in the one error format, echoing nothing.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendError(reply, error, request.headers['accept-language']),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(config), adapter, {
    bufferLogs: true,
    // The only parser is ours (JSON, shape-checked); Nest would otherwise add its own.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // installJsonParser removes every other parser: the form and upload parsers come after it.
  installJsonParser(fastify, { bodyLimit: config.BODY_LIMIT_BYTES, maxDepth: config.JSON_MAX_DEPTH, maxKeys: config.JSON_MAX_KEYS });
  await installFormParser(fastify, { bodyLimit: config.BODY_LIMIT_BYTES, maxFields: config.JSON_MAX_KEYS });
  await app.register(multipart, {
    limits: { fileSize: config.EVIDENCE_MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 2048, parts: 12, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (request.url.startsWith('/api/') && FORM_TYPES.test(request.headers['content-type'] ?? '')) {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'request.unsupportedMediaType');
    }
    return payload;
  });
  installBodyDeadline(fastify, config.HTTP_REQUEST_TIMEOUT_SECONDS, config.HTTP_UPLOAD_TIMEOUT_SECONDS);
  await app.register(cookie, { secret: config.COOKIE_SECRET });
  app.getHttpServer().maxConnections = config.HTTP_MAX_CONNECTIONS;
  await app.register(helmet, {
    // Pages link their script and stylesheet (/assets/, below) and carry nothing inline.
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP },
    // Keep the Referer off outgoing links: a status page's URL carries its token.
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
  });
  // Hashed names (Vite), so a name's content never changes: cached for a year, never revalidated.
  await app.register(fastifyStatic, {
    root: assetsDirectory(),
    prefix: '/assets/',
    decorateReply: false,
    list: false,
    index: false,
    // A folder or a dotfile is answered like a missing file: 404.
    allowedPath: (path: string) => !path.endsWith('/'),
    dotfiles: 'ignore',
    maxAge: 365 * 24 * 3600 * 1000,
    immutable: true,
  });
  // The JSON API's contract: Swagger UI at /api/docs, the OpenAPI document at /api/docs-json.
  // Built at the first request for it, so a scanning problem can only break the docs, never boot.
  SwaggerModule.setup(API_DOCS_PATH, app, () => buildApiDocument(app), {
    raw: ['json'],
    customSiteTitle: 'Claims intake API',
    // No badge from the public validator: the page loads nothing from elsewhere (img-src 'self').
    swaggerOptions: { validatorUrl: null },
  });
  useContentSecurityPolicy(fastify, `/${API_DOCS_PATH}`, DOCS_CSP);
  fastify.addHook('onSend', async (request, reply, payload) => {
    // The same for everyone and changed only by a deploy: cacheable for a few minutes.
    const path = request.url.split('?')[0];
    if (reply.statusCode < 400 && (path === `/${API_DOCS_PATH}` || path.startsWith(`/${API_DOCS_PATH}/`) || path === `/${API_DOCS_PATH}-json`)) {
      void reply.header('cache-control', 'public, max-age=300');
    }
    return payload;
  });
  // Pages come from templates (apps/web/views, eta; `<%= %>` escapes), compiled once in production.
  app.setViewEngine({ engine: { eta: new Eta() }, templates: viewsDirectory(), production: config.NODE_ENV === 'production' });
  // Nothing is cached unless a route says so (the public case facts do): most answers are
  // someone's, and some sit behind a token.
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Exit 0 after a clean shutdown (by default Nest re-raises the signal, which reads as a crash).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
