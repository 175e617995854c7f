import { execFileSync } from 'node:child_process';
import { Pool } from 'pg';
import { createDataSource, dropDatabase, ensureDatabase } from '@app/database';
import { deleteQueuePrefix } from '@app/queue';
import { builtApp } from './dist-path';

/**
 * Undo actions, run once, newest first, whether the run succeeded, failed or was
 * interrupted. Each action runs even if an earlier one failed.
 */
export class Cleanup {
  private readonly actions: { label: string; run: () => Promise<void> }[] = [];
  private done: Promise<boolean> | null = null;

  add(label: string, run: () => Promise<void>): void {
    this.actions.push({ label, run });
  }

  /** Resolves to whether every action succeeded. */
  run(): Promise<boolean> {
    this.done ??= (async () => {
      let ok = true;
      for (const { label, run } of this.actions.reverse()) {
        try {
          await run();
        } catch (error) {
          ok = false;
          console.error(`cleanup: ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return ok;
    })();
    return this.done;
  }
}

/**
 * Creates the run's own database, builds it with the real migrations (as its owner) and seeds
 * the demo case with the real `npm run seed` command (as the apps' role). Refuses a name that
 * already exists: the cleanup drops what it created, so it must never adopt someone else's
 * database.
 */
export async function createScratchDatabase(url: string, appUrl: string, cleanup: Cleanup): Promise<void> {
  if (!(await ensureDatabase(url))) throw new Error(`database ${new URL(url).pathname} already exists; not touching it`);
  cleanup.add('drop database', () => dropDatabase(url));
  const dataSource = await createDataSource({ url, poolSize: 2, applicationName: 'claims-bench-setup' }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  execFileSync(process.execPath, [builtApp('cli', 'seed')], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: appUrl }, stdio: 'pipe' });
}

/** A small pool for the benchmark's own queries (resets, integrity checks, polling). */
export function openAdminPool(url: string, cleanup: Cleanup): Pool {
  const pool = new Pool({ connectionString: url, max: 2, application_name: 'claims-bench-admin' });
  // The final DROP DATABASE ... WITH (FORCE) may kill idle connections; that is not an error.
  pool.on('error', () => undefined);
  cleanup.add('close admin pool', () => pool.end());
  return pool;
}

/** Empties every table intake writes to, so the next phase starts from the same empty state. */
export async function resetIntakeTables(admin: Pool): Promise<void> {
  await admin.query(
    `TRUNCATE claimants, claims, claim_events, consents, signatures, claim_assessments, notifications, outbox, access_log, access_log_heads, claim_counts, claim_arrivals CASCADE`,
  );
  // Flush the previous phase's dirty pages now rather than in the middle of the next one.
  await admin.query('CHECKPOINT');
}

/** Removes every Redis key under the run's queue prefix (BullMQ queues, heartbeats). */
export function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  return deleteQueuePrefix(redisUrl, `${prefix}:`);
}
