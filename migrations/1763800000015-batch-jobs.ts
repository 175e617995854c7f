import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work on a filing batch too large for a request: adding many approved claims, and locking a
 * large batch. The API answers a request within HTTP_IDLE_TIMEOUT_SECONDS (10 s), and adding a
 * million claims takes over a minute, locking them about ten seconds; so past a size
 * (BATCH_ADD_IN_REQUEST, BATCH_LOCK_IN_REQUEST) the request writes a job here and the worker
 * carries it out, the batch page showing its progress.
 *
 * - fill: adds up to `requested` approved claims in steps; each step commits its claims, the
 *   batch's totals and this row's count and cursor together, so a retried job resumes where the
 *   last step ended and never counts a claim twice. A lock meanwhile stops it (status stopped).
 * - lock: the same lock a request does, in the worker: one transaction.
 * One running job per batch: a second request while one runs is refused (409).
 *
 * And claims_unbatched_idx: the approved claims in no batch, which is what a fill reads. Through
 * (case_id, status, created_at) a batch's first step read past every approved claim already in
 * an earlier batch (1.6 s for a thousand after a million had been filed, growing with each
 * round); this index holds only those still to be filed, and loses each as it joins a batch.
 */
export class BatchJobs1763800000015 implements MigrationInterface {
  name = 'BatchJobs1763800000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE batch_jobs (
        id                 uuid PRIMARY KEY,
        firm_id            uuid NOT NULL,
        batch_id           uuid NOT NULL REFERENCES filing_batches(id),
        kind               text NOT NULL CHECK (kind IN ('fill', 'lock')),
        requested          integer CHECK (requested > 0),
        done               integer NOT NULL DEFAULT 0 CHECK (done >= 0),
        amount_won         bigint NOT NULL DEFAULT 0,
        cursor_created_at  text,
        cursor_id          uuid,
        status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'stopped')),
        outcome            jsonb,
        started_by         uuid NOT NULL,
        started_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        finished_at        timestamptz,
        CHECK ((kind = 'fill') = (requested IS NOT NULL)),
        CHECK ((status = 'running') = (finished_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX batch_jobs_running_uq ON batch_jobs (batch_id) WHERE status = 'running'`);
    await q.query(`CREATE INDEX batch_jobs_batch_idx ON batch_jobs (batch_id, started_at DESC)`);
    await q.query(`CREATE INDEX batch_jobs_stale_idx ON batch_jobs (firm_id, updated_at) WHERE status = 'running'`);
    await q.query(`CREATE INDEX claims_unbatched_idx ON claims (case_id, created_at, id) WHERE status = 'approved' AND batch_id IS NULL`);
    await q.query(`ALTER TABLE batch_jobs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY batch_jobs_firm ON batch_jobs USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON batch_jobs TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_unbatched_idx`);
    await q.query(`DROP TABLE batch_jobs`);
  }
}
