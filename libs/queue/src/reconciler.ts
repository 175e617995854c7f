import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Work that should have moved on by now, as SQL that re-queues it through the outbox. Each
 * module that owns such work contributes one (claims still `submitted`, emails still
 * `pending`); the relay then republishes under the same deterministic job ids, so work
 * that is merely slow is not doubled.
 */
export interface StuckWorkQuery {
  name: string;
  /** Must insert outbox rows and return the number inserted as `requeued`. */
  sql: string;
}

/**
 * Builds the query for one kind of stale work: rows of `table` matching `unfinished`, older
 * than the staleness window ($1 seconds), with no outbox row for them inside that window.
 * Arguments are code constants, never input.
 */
export function staleWork(spec: { name: string; topic: string; table: string; unfinished: string }): StuckWorkQuery {
  return {
    name: spec.name,
    sql: `
      WITH requeued AS (
        INSERT INTO outbox (topic, aggregate_id)
        SELECT '${spec.topic}', t.id FROM ${spec.table} t
         WHERE ${spec.unfinished} AND t.created_at < now() - make_interval(secs => $1)
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate_id = t.id AND o.created_at > now() - make_interval(secs => $1))
         ORDER BY t.created_at
         LIMIT 5000
        RETURNING 1
      )
      SELECT count(*)::int AS requeued FROM requeued`,
  };
}

export interface ReconcilerOptions {
  intervalMs: number;
  /** Work younger than this is left alone: it is still on its normal path. */
  staleAfterSeconds: number;
}

/** Only one reconciler pass at a time across all worker processes. */
const ADVISORY_LOCK_KEY = 7_310_221;

/**
 * The safety net behind the outbox: if Redis lost its queues (a restart without AOF, a
 * failover), nothing in Postgres says so. Every interval this looks for stale work and
 * queues it again.
 */
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly queries: StuckWorkQuery[],
    private readonly options: ReconcilerOptions = { intervalMs: 60_000, staleAfterSeconds: 300 },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.pass().catch((error) => this.logger.warn({ err: String(error) }, 'reconcile pass failed')).finally(() => (this.running = null));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many items each query put back. */
  async pass(): Promise<Record<string, number>> {
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [ADVISORY_LOCK_KEY]);
      if (!locked) return {};
      const result: Record<string, number> = {};
      for (const query of this.queries) {
        const [{ requeued }] = await tx.query(query.sql, [this.options.staleAfterSeconds]);
        result[query.name] = Number(requeued);
        if (result[query.name] > 0) this.logger.warn({ query: query.name, requeued: result[query.name] }, 'requeued stale work');
      }
      return result;
    });
  }
}
