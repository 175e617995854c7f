import { Logger } from '@nestjs/common';
import { FirmScope, sqlRows, TenantDirectory } from '@app/database';
import type { QueueRegistry } from './queue-registry';
import { OutboxRepository } from './outbox.repository';

/** Advisory-lock namespace of the reconciler (the second key is the firm and source). */
const ADVISORY_LOCK_CLASS = 7_310_221;

export interface ReconcilerOptions {
  intervalMs: number;
  /** Work due less than this long ago is left alone: it is still on its normal path. */
  staleAfterSeconds: number;
  /** At most this many items per source and firm in one pass. */
  limit: number;
}

/**
 * The safety net behind the outbox: if Redis lost its queues (a restart without AOF, a
 * failover), nothing in Postgres says so. Every interval this asks each module's stale-work
 * source, firm by firm, for work due long ago and still not done, and queues it again through
 * the outbox unless a row for it is still waiting or was published within the window.
 */
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);
  private readonly outbox = new OutboxRepository();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly scope: FirmScope,
    private readonly tenants: TenantDirectory,
    private readonly registry: QueueRegistry,
    private readonly options: ReconcilerOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pass()
        .catch((error) => this.logger.warn({ err: String(error) }, 'reconcile pass failed'))
        .finally(() => (this.running = null));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * One pass; returns how many items each source put back. Several workers may run it at once:
   * a firm being reconciled by one is skipped by the others.
   */
  async pass(): Promise<Record<string, number>> {
    const result: Record<string, number> = Object.fromEntries(this.registry.staleWork.map((s) => [s.name, 0]));
    const dueBefore = new Date(Date.now() - this.options.staleAfterSeconds * 1000);
    for (const firmId of await this.tenants.firmIds()) {
      for (const source of this.registry.staleWork) {
        const requeued = await this.scope.run(firmId, async (tx) => {
          const [{ locked }] = await sqlRows<{ locked: boolean }>(tx.manager, `SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked`, [
            ADVISORY_LOCK_CLASS,
            `${firmId}/${source.name}`,
          ]);
          if (!locked) return 0;
          const stale = await source.findStale(tx, dueBefore, this.options.limit);
          const recent = await this.outbox.withRecentRows(tx.manager, stale, dueBefore);
          const again = stale.filter((id) => !recent.has(id));
          await this.outbox.add(tx.manager, again.map((aggregateId) => ({ topic: source.topic, aggregateId, firmId })));
          return again.length;
        });
        result[source.name] += requeued;
        if (requeued > 0) this.logger.warn({ source: source.name, firmId, requeued }, 'requeued stale work');
      }
    }
    return result;
  }
}
