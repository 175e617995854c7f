import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { seedDemoCase } from '@app/cases';
import type { AppConfig } from '@app/config';
import { deleteQueueKeys } from './redis-cleanup';
import { SmtpSink } from './smtp-sink';
import { testConfig } from './test-config';
import { TestDatabase } from './test-database';

/**
 * Everything one test file needs: a fresh migrated and seeded database, an SMTP sink, and
 * the API (listening on a random port) with, optionally, a worker in the same process.
 */
export class TestStack {
  db!: TestDatabase;
  smtp!: SmtpSink;
  config!: AppConfig;
  api!: NestFastifyApplication;
  worker: INestApplicationContext | null = null;
  baseUrl = '';

  static async start(options: { worker?: boolean; env?: Record<string, string>; db?: TestDatabase } = {}): Promise<TestStack> {
    const stack = new TestStack();
    stack.db = options.db ?? (await TestDatabase.create());
    await seedDemoCase(stack.db.dataSource);
    stack.smtp = await SmtpSink.start();
    stack.config = testConfig({ DATABASE_URL: stack.db.url, SMTP_URL: stack.smtp.url, DATABASE_POOL_SIZE: '5', ...options.env });
    stack.api = await createApi(stack.config);
    await stack.api.listen(0, '127.0.0.1');
    stack.baseUrl = await stack.api.getUrl();
    if (options.worker) stack.worker = await createWorker(stack.config);
    return stack;
  }

  async startWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
    this.worker = await createWorker({ ...this.config, ...env } as AppConfig);
    return this.worker;
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.api?.close();
    await this.smtp?.stop();
    await this.db?.destroy();
    // Covers the stack's own prefix and any "<prefix>-..." a test derived from it.
    if (this.config) await deleteQueueKeys(this.config.REDIS_URL, this.config.QUEUE_PREFIX);
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.dataSource.query(sql, params);
  }
}
