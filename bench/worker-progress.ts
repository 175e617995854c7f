import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { sleep } from './app-process';

/** evidence_files rows by status: stored (waiting for the worker), ready, unreadable. */
export async function evidenceByStatus(admin: Pool): Promise<{ stored: number; ready: number; unreadable: number; total: number }> {
  const { rows } = await admin.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM evidence_files WHERE removed_at IS NULL GROUP BY status`);
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { stored: of('stored'), ready: of('ready'), unreadable: of('unreadable'), total: rows.reduce((sum, r) => sum + r.n, 0) };
}

/** Emails requested but not yet sent (pending or being sent); failed ones are not waited for. */
export async function emailsOutstanding(admin: Pool): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE status IN ('pending', 'sending')`);
  return rows[0].n;
}

/**
 * Polls until the worker has nothing left of what the phase gave it: every file prepared and,
 * unless `filesOnly`, every email sent. Resolves to the seconds it took, or null at the timeout.
 */
export async function waitForWorker(admin: Pool, timeoutMs: number, filesOnly = false): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const files = await evidenceByStatus(admin);
    if (files.stored === 0 && (filesOnly || (await emailsOutstanding(admin)) === 0)) return (performance.now() - started) / 1000;
    await sleep(200);
  }
  return null;
}
