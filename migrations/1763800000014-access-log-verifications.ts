import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every verification of a firm's access-log chain, kept: who ran it, how far it read, and what
 * it found. Two kinds:
 * - full: recomputes the chain from its first row (the monthly review, `npm run audit:verify`,
 *   the auditor's "verify everything" button). About 47 µs a row in Node, so a surge's million
 *   rows take most of a minute.
 * - since_checkpoint: what the access-log page runs on every visit. It starts from the newest
 *   verified head (head_seq, head_hash of an intact verification), checks that row is still there
 *   with that hash, and reads only the rows after it. A visit then costs the rows written since
 *   the last one, and a truncated tail (rows deleted after a verified head) shows as a break,
 *   which a recomputation from the first row cannot see.
 * An edit to a row before the checkpoint is found by the next full verification, whose result
 * the page shows beside its own until a newer full one holds.
 *
 * Written once (SELECT and INSERT only for the application), isolated per firm like the log.
 */
export class AccessLogVerifications1763800000014 implements MigrationInterface {
  name = 'AccessLogVerifications1763800000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log_verifications (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        firm_id        uuid NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('full', 'since_checkpoint')),
        from_seq       bigint NOT NULL CHECK (from_seq >= 0),
        rows           bigint NOT NULL CHECK (rows >= 0),
        head_seq       bigint,
        head_hash      bytea,
        break_id       bigint,
        break_seq      bigint,
        break_problem  text,
        verified_by    uuid,
        verified_at    timestamptz NOT NULL DEFAULT now(),
        CHECK ((head_seq IS NULL) = (head_hash IS NULL)),
        CHECK (break_problem IS NULL OR (head_seq IS NULL AND break_seq IS NOT NULL))
      )`);
    // The page's two questions: the newest verified head, and the newest full verification.
    await q.query(`CREATE INDEX access_log_verifications_head_idx ON access_log_verifications (firm_id, head_seq DESC) WHERE head_seq IS NOT NULL`);
    await q.query(`CREATE INDEX access_log_verifications_full_idx ON access_log_verifications (firm_id, id DESC) WHERE kind = 'full'`);
    await q.query(`ALTER TABLE access_log_verifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY access_log_verifications_firm ON access_log_verifications USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    await q.query(`GRANT SELECT, INSERT ON access_log_verifications TO claims_app`);
    await q.query(`GRANT USAGE ON SEQUENCE access_log_verifications_id_seq TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log_verifications`);
  }
}
