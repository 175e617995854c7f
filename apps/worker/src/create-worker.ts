import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { WorkerHost } from '@app/queue';
import { WorkerModule } from './worker.module';

/** Builds and starts a worker process's application; main.ts and the tests both use it. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  // Check the queue names before connecting to anything, so a typo fails at once.
  WorkerHost.selectQueues(config.WORKER_QUEUES);
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Exit 0 after a clean shutdown (by default Nest re-raises the signal, which reads as a crash).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.init();
  return app;
}
