import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts and their sessions, per firm.
 *
 * - staff_accounts: a firm's lawyers, paralegals, admins and auditors. The email is kept as a
 *   blind index (unique across the platform: one account per address) and sealed; the password
 *   as an argon2id hash; the TOTP secret sealed; recovery codes as keyed hashes. An account is
 *   made with an invitation (a keyed hash of the link's secret) that its owner opens to choose a
 *   password and enrol the second factor.
 * - staff_sessions: a browser's sign-in, a keyed hash of the cookie's secret. `stage` says how
 *   far the sign-in has come: the password checked (second factor to come), enrolling the second
 *   factor (from an invitation), or complete.
 * - Row-level security as every firm table. Signing in starts from an email, before any firm is
 *   known: staff_sign_in_firm() (SECURITY DEFINER) answers the firm of an email's account and
 *   nothing else, so the app's role still never reads another firm's rows.
 */
export class StaffAccounts1763800000006 implements MigrationInterface {
  name = 'StaffAccounts1763800000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_accounts (
        id                     uuid PRIMARY KEY,
        firm_id                uuid NOT NULL REFERENCES firms(id),
        email_hash             bytea NOT NULL CHECK (length(email_hash) = 32),
        email_enc              bytea NOT NULL,
        name_enc               bytea NOT NULL,
        role                   text NOT NULL CHECK (role IN ('admin','attorney','paralegal','auditor')),
        password_hash          text,
        totp_secret_enc        bytea,
        totp_confirmed_at      timestamptz,
        -- The last TOTP step accepted: a code works once.
        totp_last_step         bigint,
        recovery_codes         jsonb NOT NULL DEFAULT '[]',
        failed_attempts        integer NOT NULL DEFAULT 0,
        locked_until           timestamptz,
        invitation_hash        bytea,
        invitation_expires_at  timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        created_by             text NOT NULL,
        disabled_at            timestamptz,
        CONSTRAINT staff_accounts_email_uq UNIQUE (email_hash)
      )`);
    await q.query(`CREATE INDEX staff_accounts_firm_idx ON staff_accounts (firm_id, created_at)`);

    await q.query(`
      CREATE TABLE staff_sessions (
        id            uuid PRIMARY KEY,
        firm_id       uuid NOT NULL,
        staff_id      uuid NOT NULL REFERENCES staff_accounts(id),
        secret_hash   bytea NOT NULL CHECK (length(secret_hash) = 32),
        stage         text NOT NULL CHECK (stage IN ('password','enrol','complete')),
        created_at    timestamptz NOT NULL DEFAULT now(),
        last_seen_at  timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        revoked_at    timestamptz,
        ip_hash       bytea,
        user_agent    text NOT NULL DEFAULT ''
      )`);
    await q.query(`CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id) WHERE revoked_at IS NULL`);

    for (const table of ['staff_accounts', 'staff_sessions']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_firm ON ${table} USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON staff_accounts, staff_sessions TO claims_app`);

    await q.query(`
      CREATE FUNCTION staff_sign_in_firm(p_email_hash bytea) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT firm_id FROM staff_accounts WHERE email_hash = p_email_hash AND disabled_at IS NULL $$`);
    await q.query(`REVOKE ALL ON FUNCTION staff_sign_in_firm(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION staff_sign_in_firm(bytea) TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION staff_sign_in_firm(bytea)`);
    await q.query(`DROP TABLE staff_sessions, staff_accounts`);
  }
}
