import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { AllExceptionsFilter, fastifyErrorHandler, StrictValidationPipe } from '@app/http';
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
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.getHttpAdapter().getInstance().setErrorHandler(fastifyErrorHandler);
  app.enableShutdownHooks();
  return app;
}
