import helmet from '@fastify/helmet';
import { Eta } from 'eta';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { AllExceptionsFilter, installJsonParser, sendError, StrictValidationPipe } from '@app/http';
import { ApiModule } from './api.module';
import { viewsDirectory } from './pages/page-context';

/** Builds the API application; main.ts and the end-to-end tests both use it. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const requestTimeoutMs = config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
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
    requestTimeout: requestTimeoutMs,
    // Headers and body must arrive in time, checked every second (Node checks every 30 s by
    // default, which let a slow sender hold a connection half a minute past its deadline).
    http: { headersTimeout: requestTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1_000 },
    // Router errors (bad URL encoding, an over-long parameter) in the one error format, echoing nothing.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendError(reply, error, request.headers['accept-language']),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(config), adapter, {
    bufferLogs: true,
    // The only parser is ours (JSON, shape-checked); Nest would otherwise add its own.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  installJsonParser(fastify, { bodyLimit: config.BODY_LIMIT_BYTES, maxDepth: config.JSON_MAX_DEPTH, maxKeys: config.JSON_MAX_KEYS });
  app.getHttpServer().maxConnections = config.HTTP_MAX_CONNECTIONS;
  await app.register(helmet, {
    // Pages are server-rendered with their style inline and no scripts of their own yet.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    // Keep the Referer off outgoing links: a status page's URL carries its token.
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
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
