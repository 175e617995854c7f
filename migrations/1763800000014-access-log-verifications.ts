import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every verification of a firm's access-log chain, kept: who asked, how far it read, what it
 * found. A page can answer within the API's idle timeout (HTTP_IDLE_TIMEOUT_SECONDS, 10 s) only
 * if it reads a bounded number of rows, so there are two kinds:
 * - since_checkpoint: what the access-log page (and a monthly review) runs. It starts from the
 *   newest verified head (head_seq, head_hash of a finished verification that held), checks that
 *   row is still there with that hash, and reads at most a bounded number of rows after it (the
 *   rest on the next visit). A truncated tail (rows deleted after a verified head) shows as a
 *   break, which a recomputation from the first row cannot see.
 * - full: recomputes the chain from its first row; run by the worker when an auditor asks (the
 *   page shows its progress) and by `npm run audit:verify`. It finds an edit to a row behind the
 *   checkpoint; the page shows the newest full result beside its own until a newer one holds.
 *   A running one keeps its own place (progress_seq, progress_hash), so a retried job resumes.
 *
 * The application may update a row only while it runs (the trigger refuses changes to a
 * finished one): a verification, once it has said what it found, is never rewritten.
 */
export class AccessLogVerifications1763800000014 implements MigrationInterface {
  name = 'AccessLogVerifications1763800000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log_verifications (
        id             uuid PRIMARY KEY,
        firm_id        uuid NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('full', 'since_checkpoint')),
        status         text NOT NULL CHECK (status IN ('running', 'done')),
        from_seq       bigint NOT NULL CHECK (from_seq >= 0),
        rows           bigint NOT NULL DEFAULT 0 CHECK (rows >= 0),
        progress_seq   bigint,
        progress_hash  bytea,
        head_seq       bigint,
        head_hash      bytea,
        break_id       bigint,
        break_seq      bigint,
        break_problem  text,
        verified_by    uuid,
        requested_at   timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz,
        CHECK ((head_seq IS NULL) = (head_hash IS NULL)),
        CHECK (break_problem IS NULL OR (head_seq IS NULL AND break_seq IS NOT NULL)),
        CHECK ((status = 'done') = (finished_at IS NOT NULL))
      )`);
    // The page's questions: the newest verified head, the newest full result, a full one running.
    await q.query(`CREATE INDEX access_log_verifications_head_idx ON access_log_verifications (firm_id, head_seq DESC) WHERE head_seq IS NOT NULL`);
    await q.query(`CREATE INDEX access_log_verifications_full_idx ON access_log_verifications (firm_id, finished_at DESC) WHERE kind = 'full' AND status = 'done'`);
    // One full recomputation at a time per firm: asking again while one runs finds that one.
    await q.query(`CREATE UNIQUE INDEX access_log_verifications_running_uq ON access_log_verifications (firm_id) WHERE kind = 'full' AND status = 'running'`);
    await q.query(`
      CREATE FUNCTION access_log_verifications_finished() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'done' THEN RAISE EXCEPTION 'a finished verification is not changed'; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER access_log_verifications_finished BEFORE UPDATE OR DELETE ON access_log_verifications FOR EACH ROW EXECUTE FUNCTION access_log_verifications_finished()`);
    await q.query(`ALTER TABLE access_log_verifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY access_log_verifications_firm ON access_log_verifications USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON access_log_verifications TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log_verifications`);
    await q.query(`DROP FUNCTION access_log_verifications_finished()`);
  }
}
