import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { AllExceptionsFilter, StrictValidationPipe } from '@app/http';
import { ApiModule } from './api.module';

/** Builds the API application; main.ts and the end-to-end tests both use it. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Behind a load balancer the client address comes from X-Forwarded-For.
    trustProxy: config.NODE_ENV === 'production',
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(config), adapter, {
    bufferLogs: true,
    // JSON only: Fastify's own parser. (Nest would otherwise add a form-urlencoded parser.)
    bodyParser: false,
  });
  // The API speaks JSON only; anything else is a 415, not a string for the validators to puzzle over.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Exit 0 after a clean shutdown (by default Nest re-raises the signal, which reads as a crash).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
