import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { CaseSeeder } from '@app/cases';
import type { AppConfig } from '@app/config';
import { deleteQueueKeys } from './redis-cleanup';
import { SmtpSink } from './smtp-sink';
import { testConfig } from './test-config';
import { TestDatabase } from './test-database';

/**
 * Everything one test file needs: a fresh migrated database with the demo case (seeded by the
 * app's own seeder, as claims_app), an SMTP sink, and the API (listening on a random port)
 * with, optionally, a worker in the same process.
 */
export class TestStack {
  db!: TestDatabase;
  smtp!: SmtpSink;
  config!: AppConfig;
  api!: NestFastifyApplication;
  worker: NestFastifyApplication | null = null;
  baseUrl = '';
  private env: Record<string, string> = {};

  static async start(
    options: { worker?: boolean; env?: Record<string, string>; db?: TestDatabase; smtpHoldMs?: number; smtpRejectRecipient?: (address: string) => boolean } = {},
  ): Promise<TestStack> {
    const stack = new TestStack();
    try {
      stack.db = options.db ?? (await TestDatabase.create());
      stack.smtp = await SmtpSink.start({ holdMs: options.smtpHoldMs, rejectRecipient: options.smtpRejectRecipient });
      stack.env = { DATABASE_URL: stack.db.appUrl, SMTP_URL: stack.smtp.url, DATABASE_POOL_SIZE: '5', ...options.env };
      stack.config = testConfig(stack.env);
      stack.api = await createApi(stack.config);
      await stack.api.listen(0, '127.0.0.1');
      stack.baseUrl = await stack.api.getUrl();
      await stack.api.get(CaseSeeder).seedDemo();
      if (options.worker) stack.worker = await createWorker(stack.config);
      return stack;
    } catch (error) {
      // Whatever did start must not keep jest alive.
      await stack.stop().catch(() => undefined);
      throw error;
    }
  }

  /** A worker on the stack's database and queues, with `env` on top of the stack's settings. */
  async startWorker(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
    if (this.worker) throw new Error('a worker is already running; stopWorker() first');
    this.worker = await createWorker(this.configWith(env));
    return this.worker;
  }

  configWith(env: Record<string, string>): AppConfig {
    // Same queues and the same evidence folders: a second process sees the stack's files.
    return testConfig({ ...this.env, QUEUE_PREFIX: this.config.QUEUE_PREFIX, EVIDENCE_DIR: this.config.EVIDENCE_DIR, EVIDENCE_TMP_DIR: this.config.EVIDENCE_TMP_DIR, ...env });
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.api?.close();
    await this.smtp?.stop();
    await this.db?.destroy();
    // Covers the stack's own prefix and any "<prefix>-..." a test derived from it.
    if (this.config) await deleteQueueKeys(this.config.REDIS_URL, this.config.QUEUE_PREFIX);
    if (this.config) await rm(dirname(this.config.EVIDENCE_DIR), { recursive: true, force: true });
  }

  /** SQL as the database's owner: sees every firm's rows, for setting up and asserting. */
  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.dataSource.query(sql, params);
  }
}
