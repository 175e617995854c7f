import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { AllExceptionsFilter } from '@app/http';
import { WorkerModule } from './worker.module';

/**
 * Builds and starts a worker process: the BullMQ consumers, the relay and reconciler, and a
 * small HTTP server with only /health/live and /health/ready (for its own queues) on
 * WORKER_HEALTH_PORT. main.ts and the tests both use it.
 */
export async function createWorker(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule.register(config), new FastifyAdapter(), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new AllExceptionsFilter());
  // Exit 0 after a clean shutdown (by default Nest re-raises the signal, which reads as a crash).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  try {
    await app.listen(config.WORKER_HEALTH_PORT, config.HOST);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
