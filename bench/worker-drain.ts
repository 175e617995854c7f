import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { AppProcess, describeExit, sleep } from './app-process';
import { postgresCpuMs, processCpuMs } from './cpu-time';

export interface DrainResult {
  /** Assessments found when polling stopped. */
  assessed: number;
  /** Whether every expected claim was assessed before the timeout. */
  complete: boolean;
  /** From spawning the worker to the poll that saw the last assessment. */
  seconds: number;
  /** From the first assessment's commit batch to the last one's, by their created_at. */
  activeSeconds: number | null;
  /** Claims assessed after the first batch, over activeSeconds. */
  activeRate: number | null;
  /** CPU per claim once assessing had begun (boot left out), of the worker and of Postgres, in ms. */
  cpuPerClaimMs: { worker: number; postgres: number } | null;
}

/**
 * Times how long `worker` takes to turn `expected` outbox rows into assessments: polls the
 * assessment count every 100 ms from spawn. The boot-free rate comes from the rows' own
 * timestamps: created_at is now() of the transaction that stored a batch, so first to last
 * spans every batch but the first, whose claims are therefore left out of that rate.
 */
export async function drainOutbox(worker: AppProcess, admin: Pool, expected: number, spawnedAt: number, timeoutMs: number): Promise<DrainResult> {
  let assessed = 0;
  let start: { assessed: number; worker: number; postgres: number } | null = null;
  while (true) {
    assessed = Number((await admin.query('SELECT count(*)::int AS n FROM claim_assessments')).rows[0].n);
    if (!start && assessed > 0) start = { assessed, worker: processCpuMs(worker.pid), postgres: postgresCpuMs() };
    if (assessed >= expected) break;
    if (performance.now() - spawnedAt > timeoutMs) break;
    const exit = await Promise.race([worker.exited, sleep(100)]);
    if (exit) throw new Error(`worker exited while draining (${describeExit(exit)})\n${worker.recentLog()}`);
  }
  const seconds = (performance.now() - spawnedAt) / 1000;
  const claims = start ? assessed - start.assessed : 0;
  const cpuPerClaimMs =
    start && claims > 0 ? { worker: (processCpuMs(worker.pid) - start.worker) / claims, postgres: (postgresCpuMs() - start.postgres) / claims } : null;

  const { rows } = await admin.query(
    `SELECT extract(epoch FROM max(created_at) - min(created_at))::float8 AS span,
            count(*) FILTER (WHERE created_at = (SELECT min(created_at) FROM claim_assessments))::int AS first_batch
       FROM claim_assessments`,
  );
  const span = rows[0].span as number | null;
  const active = span && span > 0 ? { activeSeconds: span, activeRate: (assessed - rows[0].first_batch) / span } : { activeSeconds: null, activeRate: null };
  return { assessed, complete: assessed >= expected, seconds, ...active, cpuPerClaimMs };
}
