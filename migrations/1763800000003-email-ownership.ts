import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proof that a claimant controls their email address, and status links that can be revoked.
 *
 * - email_verifications: one emailed six-digit code per request (the code itself is derived
 *   from a server key and the row's id, never stored). Firm data: row-level security as the
 *   other firm tables. The address is sealed like every personal field (claimants' door).
 * - notifications can be about a verification instead of a claim (the code email).
 * - claims.status_link_version: the version a status link must carry; a new link raises it, so
 *   every earlier link stops working.
 */
export class EmailOwnership1763800000003 implements MigrationInterface {
  name = 'EmailOwnership1763800000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_verifications (
        id           uuid PRIMARY KEY,
        firm_id      uuid NOT NULL REFERENCES firms(id),
        case_id      uuid NOT NULL REFERENCES cases(id),
        email_hash   bytea NOT NULL CHECK (length(email_hash) = 32),
        email_enc    bytea NOT NULL,
        locale       text NOT NULL CHECK (locale IN ('ko','en')),
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        attempts     integer NOT NULL DEFAULT 0,
        verified_at  timestamptz
      )`);
    await q.query(`CREATE INDEX email_verifications_case_email_idx ON email_verifications (case_id, email_hash, created_at)`);
    await q.query(`ALTER TABLE email_verifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY email_verifications_firm ON email_verifications
        USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON email_verifications TO claims_app`);

    await q.query(`
      ALTER TABLE notifications
        ALTER COLUMN claim_id DROP NOT NULL,
        ADD COLUMN verification_id uuid REFERENCES email_verifications(id),
        ADD CONSTRAINT notifications_subject_check CHECK (num_nonnulls(claim_id, verification_id) = 1)`);

    await q.query(`ALTER TABLE claims ADD COLUMN status_link_version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims DROP COLUMN status_link_version`);
    await q.query(`DELETE FROM notifications WHERE claim_id IS NULL`);
    await q.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check, DROP COLUMN verification_id,
        ALTER COLUMN claim_id SET NOT NULL`);
    await q.query(`DROP TABLE email_verifications`);
  }
}
