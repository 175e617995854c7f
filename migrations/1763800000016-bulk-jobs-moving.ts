import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a bulk decision last moved, so the reconciler can find one whose job Redis lost (a
 * confirmed selection left "running" for ever, its claims undecided) and queue it again; it
 * resumes at its first item without an outcome.
 */
export class BulkJobsMoving1763800000016 implements MigrationInterface {
  name = 'BulkJobsMoving1763800000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bulk_jobs ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX bulk_jobs_stale_idx ON bulk_jobs (firm_id, updated_at) WHERE status = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bulk_jobs_stale_idx`);
    await q.query(`ALTER TABLE bulk_jobs DROP COLUMN updated_at`);
  }
}
