import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTimeout } from '@app/health';
import type { QueueProducer } from './queue-producer';
import type { QueueRegistry } from './queue-registry';
import { OutboxRepository } from './outbox.repository';

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

const DEFAULT_RELAY_OPTIONS: RelayOptions = { batchSize: 500, idleDelayMs: 50, errorDelayMs: 1_000, publishTimeoutMs: 5_000 };

export class PublishTimeoutError extends Error {
  override name = 'PublishTimeoutError';
}

/**
 * Moves due outbox rows into BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * relays can run side by side; each row is marked published in the same transaction that
 * claimed it, after Redis accepted the jobs. If the process dies in between, the row is
 * published again and BullMQ drops the duplicate by its job id (the work's id and the row's). While Redis is
 * down the rows simply wait: intake never depends on Redis. A row whose not_before is still
 * ahead waits in Postgres, not in Redis, so a reminder planned for next week survives anything.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly outbox = new OutboxRepository();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly producer: QueueProducer,
    private readonly registry: QueueRegistry,
    private readonly options: RelayOptions = DEFAULT_RELAY_OPTIONS,
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

  /** Publishes one batch of due rows; returns how many it moved. */
  async publishBatch(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows = await this.outbox.claimDue(manager, this.options.batchSize);
      if (rows.length === 0) return 0;
      const jobs = rows.map((row) => {
        const { job, payload } = this.registry.route(row.topic);
        // The job id is the work's and the row's: the same row published twice (a crash between
        // Redis and the mark below) makes one job, while work the reconciler queues again (a new
        // row) gets a new id. Lost Redis data does not vanish tidily: an id Redis still holds for
        // a job that will never run would otherwise swallow every requeue of that work. Handlers
        // are idempotent, so a requeue beside a live original still does the work once.
        return { job, payload: payload({ aggregateId: row.aggregateId, firmId: row.firmId }), idSuffix: `o${row.id}` };
      });
      const ms = this.options.publishTimeoutMs;
      await withTimeout(this.producer.addBulk(jobs), ms, () => new PublishTimeoutError(`Redis did not accept the jobs within ${ms} ms`));
      await this.outbox.markPublished(manager, rows.map((r) => r.id));
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
