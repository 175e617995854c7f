import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jobIds } from './job-contracts';
import type { OutgoingJob, QueueProducer } from './queue-producer';
import { withTimeout } from './with-timeout';

/** How each outbox topic becomes a job. A topic with no route is a bug: it fails loudly. */
const ROUTES: Record<string, (aggregateId: string) => OutgoingJob> = {
  'claim.submitted': (id) => ({ queue: 'claims', name: 'assess-claim', data: { claimId: id }, jobId: jobIds.assessClaim(id) }),
  'notification.created': (id) => ({ queue: 'notifications', name: 'send-email', data: { notificationId: id }, jobId: jobIds.sendEmail(id) }),
};

export interface RelayOptions {
  batchSize: number;
  idleDelayMs: number;
  errorDelayMs: number;
  /**
   * BullMQ waits for Redis to come back rather than failing an add. Bound the wait so the
   * relay never holds its Postgres transaction (and the rows' locks) open through an outage;
   * an add that lands late is harmless, the next pass re-adds it under the same job id.
   */
  publishTimeoutMs: number;
}

export class PublishTimeoutError extends Error {
  override name = 'PublishTimeoutError';
}



/**
 * Moves outbox rows into BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * relays can run side by side; each row is marked published in the same transaction that
 * claimed it, after Redis accepted the jobs. If the process dies in between, the row is
 * published again and BullMQ drops the duplicate by its deterministic jobId. While Redis is
 * down the rows simply wait: intake never depends on Redis.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly producer: QueueProducer,
    private readonly options: RelayOptions = { batchSize: 500, idleDelayMs: 50, errorDelayMs: 1_000, publishTimeoutMs: 5_000 },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many rows it moved. */
  async publishBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: { id: string; topic: string; aggregate_id: string }[] = await tx.query(
        `SELECT id, topic, aggregate_id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const jobs = rows.map((row) => {
        const route = ROUTES[row.topic];
        if (!route) throw new Error(`outbox topic "${row.topic}" has no route`);
        return route(row.aggregate_id);
      });
      const ms = this.options.publishTimeoutMs;
      await withTimeout(this.producer.addBulk(jobs), ms, () => new PublishTimeoutError(`Redis did not accept the jobs within ${ms} ms`));
      await tx.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.options.idleDelayMs;
      try {
        const moved = await this.publishBatch();
        if (moved === this.options.batchSize) delay = 0; // more waiting: go again at once
      } catch (error) {
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox relay pass failed; retrying');
        delay = this.options.errorDelayMs;
      }
      if (delay > 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
