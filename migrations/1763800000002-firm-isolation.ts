import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Firm isolation in the database, scheduled work, email leases and a tamper-evident access log.
 *
 * - The apps connect as `claims_app`: not a superuser, no BYPASSRLS, not the owner of any table
 *   (they refuse to boot otherwise, see libs/database/src/app-role.guard.ts). Every table that
 *   holds a firm's data has FORCE ROW LEVEL SECURITY with a policy on `app_current_firm()`,
 *   the per-transaction setting `app.firm_id` (libs/database/src/firm-scope.ts sets it). With
 *   no firm set, a session sees no firm data at all; only the public facts of firms and cases.
 * - Child tables get their own firm_id so each policy is one comparison, not a join per row.
 * - Intake stays one round trip: `submit_claim()` takes the firm from the case (which must be
 *   open), sets it for the statement, and writes every row of a new claim.
 * - The outbox is infrastructure (topic, ids, times): it has no RLS, and no personal data.
 */
export class FirmIsolation1763800000002 implements MigrationInterface {
  name = 'FirmIsolation1763800000002';

  async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide; test databases migrate concurrently, so a lost race is fine.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE claims_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);

    await q.query(`
      CREATE FUNCTION app_current_firm() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT nullif(current_setting('app.firm_id', true), '')::uuid $$`);

    // firm_id on every child row, backfilled from its claim, so each policy is one comparison.
    // No foreign key to firms: every insert would lock the one firms row, and every intake and
    // batch would contend on it. Row-level security keeps each row's firm_id to the firm of the
    // transaction that writes it.
    for (const table of ['claim_events', 'consents', 'signatures', 'claim_assessments']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN firm_id uuid`);
      await q.query(`UPDATE ${table} t SET firm_id = c.firm_id FROM claims c WHERE c.id = t.claim_id`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN firm_id SET NOT NULL`);
    }
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_firm_id_fkey`);

    // Scheduled work: nothing is published (or sent) before not_before.
    await q.query(`ALTER TABLE outbox ADD COLUMN firm_id uuid, ADD COLUMN not_before timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE outbox o SET firm_id = c.firm_id FROM claims c WHERE o.topic = 'claim.submitted' AND c.id = o.aggregate_id`);
    await q.query(`UPDATE outbox o SET firm_id = n.firm_id FROM notifications n WHERE o.topic = 'notification.created' AND n.id = o.aggregate_id`);
    await q.query(`DELETE FROM outbox WHERE firm_id IS NULL AND published_at IS NOT NULL`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN firm_id SET NOT NULL`);
    await q.query(`DROP INDEX outbox_unpublished_idx`);
    await q.query(`CREATE INDEX outbox_due_idx ON outbox (not_before, id) WHERE published_at IS NULL`);

    // Emails: a schedule, and a lease so two runners never send the same email at once.
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN not_before timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN lease_owner text,
        ADD COLUMN lease_expires_at timestamptz,
        -- Leases taken over from a sender that stopped mid-send: such an email may have gone out twice.
        ADD COLUMN lease_takeovers integer NOT NULL DEFAULT 0,
        DROP CONSTRAINT notifications_status_check,
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending','sending','sent','failed')),
        ADD CONSTRAINT notifications_lease_check CHECK ((status = 'sending') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))`);
    await q.query(`DROP INDEX notifications_pending_idx`);
    await q.query(`CREATE INDEX notifications_unsent_idx ON notifications (firm_id, not_before) WHERE status IN ('pending','sending')`);
    await q.query(`DROP INDEX claims_submitted_idx`);
    await q.query(`CREATE INDEX claims_submitted_idx ON claims (firm_id, created_at) WHERE status = 'submitted'`);

    await this.chainAccessLog(q);
    await this.isolateFirms(q);
    await this.createIntakeFunction(q);
    await this.createEmailSentFunction(q);
  }

  /**
   * Marks an email sent in one round trip, right after the mail server accepted it. Between
   * that acceptance and this commit a dying sender leaves an email that will be sent again
   * (with the same Message-ID); one statement instead of a four-statement transaction keeps
   * that window as short as it can be. Only the lease's owner can mark it.
   */
  private async createEmailSentFunction(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION mark_email_sent(p_firm_id uuid, p_id uuid, p_owner text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('app.firm_id', p_firm_id::text, true);
        UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = p_id AND status = 'sending' AND lease_owner = p_owner;
        RETURN FOUND;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION mark_email_sent FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION mark_email_sent TO claims_app`);
  }

  /**
   * Each firm's access log becomes a hash chain: every row carries the hash of the one before
   * it, computed here in the database so no code path can add a row outside the chain. The
   * heads table is reachable only through the SECURITY DEFINER trigger; the app role has no
   * privilege on it. libs/audit/src/access-chain.ts recomputes the same hashes to verify.
   */
  private async chainAccessLog(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_log
        ADD COLUMN subject_count integer NOT NULL DEFAULT 1 CHECK (subject_count >= 0),
        ADD COLUMN fields text[] NOT NULL DEFAULT '{}',
        ADD COLUMN chain_seq bigint,
        ADD COLUMN prev_hash bytea,
        ADD COLUMN hash bytea`);
    await q.query(`
      CREATE TABLE access_log_heads (
        firm_id  uuid PRIMARY KEY REFERENCES firms(id),
        seq      bigint NOT NULL,
        hash     bytea NOT NULL CHECK (length(hash) = 32)
      )`);
    // Length-prefixed fields, '-' for null: no two different rows share a canonical text.
    await q.query(`
      CREATE FUNCTION access_log_canonical(r access_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT string_agg(coalesce(octet_length(v)::text || ':' || v, '-'), '|' ORDER BY n)
          FROM unnest(ARRAY[
            r.chain_seq::text, r.firm_id::text, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            r.actor_type, r.actor_id, host(r.ip), r.subject_claimant_id::text, r.subject_count::text, r.action,
            array_to_string(r.fields, ','), r.reason
          ]) WITH ORDINALITY AS f(v, n)
      $$`);
    await q.query(`
      CREATE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public AS $$
      DECLARE
        head access_log_heads%ROWTYPE;
      BEGIN
        INSERT INTO access_log_heads (firm_id, seq, hash) VALUES (NEW.firm_id, 0, decode(repeat('00', 32), 'hex'))
          ON CONFLICT (firm_id) DO NOTHING;
        -- The row lock orders concurrent writers of one firm; each sees the committed head.
        SELECT * INTO head FROM access_log_heads WHERE firm_id = NEW.firm_id FOR UPDATE;
        NEW.chain_seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := sha256(head.hash || convert_to(access_log_canonical(NEW), 'UTF8'));
        UPDATE access_log_heads SET seq = NEW.chain_seq, hash = NEW.hash WHERE firm_id = NEW.firm_id;
        RETURN NEW;
      END $$`);
    // Chain whatever rows exist, in id order, then make the chain columns mandatory.
    await q.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update`);
    await q.query(`
      DO $$
      DECLARE
        r access_log;
        prev bytea;
        seq bigint;
      BEGIN
        FOR r IN SELECT * FROM access_log ORDER BY firm_id, id LOOP
          SELECT h.seq, h.hash INTO seq, prev FROM access_log_heads h WHERE h.firm_id = r.firm_id;
          IF NOT FOUND THEN seq := 0; prev := decode(repeat('00', 32), 'hex'); END IF;
          r.chain_seq := seq + 1;
          r.prev_hash := prev;
          r.hash := sha256(prev || convert_to(access_log_canonical(r), 'UTF8'));
          UPDATE access_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
          INSERT INTO access_log_heads VALUES (r.firm_id, r.chain_seq, r.hash)
            ON CONFLICT (firm_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE access_log ENABLE TRIGGER access_log_no_update`);
    await q.query(`ALTER TABLE access_log ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX access_log_chain_idx ON access_log (firm_id, chain_seq)`);
    await q.query(`CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_chain()`);
  }

  private async isolateFirms(q: QueryRunner): Promise<void> {
    const firmTables = [
      'claimants', 'claims', 'claim_events', 'consents', 'signatures', 'claim_assessments', 'notifications', 'access_log',
    ];
    for (const table of firmTables) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_firm ON ${table}
          USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    }
    // Firms and cases are public facts (the case page shows them) when no firm is set; inside a
    // firm's transaction only that firm's own; and only a firm writes its own.
    for (const [table, key] of [['firms', 'id'], ['cases', 'firm_id']] as const) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (app_current_firm() IS NULL OR ${key} = app_current_firm())`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (${key} = app_current_firm())`);
      await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE USING (${key} = app_current_firm()) WITH CHECK (${key} = app_current_firm())`);
    }
    // access_log_heads: RLS on, no policy and no grant: only the trigger's owner reaches it.
    await q.query(`ALTER TABLE access_log_heads ENABLE ROW LEVEL SECURITY`);

    await q.query(`GRANT USAGE ON SCHEMA public TO claims_app`);
    const grants: [string, string][] = [
      ['firms', 'SELECT, INSERT, UPDATE'],
      ['cases', 'SELECT, INSERT, UPDATE'],
      ['claimants', 'SELECT, INSERT, UPDATE, DELETE'],
      ['claims', 'SELECT, INSERT, UPDATE, DELETE'],
      // History and proof are written once and never changed.
      ['claim_events', 'SELECT, INSERT'],
      ['consents', 'SELECT, INSERT'],
      ['signatures', 'SELECT, INSERT'],
      ['claim_assessments', 'SELECT, INSERT'],
      ['access_log', 'SELECT, INSERT'],
      ['notifications', 'SELECT, INSERT, UPDATE'],
      ['outbox', 'SELECT, INSERT, UPDATE, DELETE'],
    ];
    for (const [table, privileges] of grants) await q.query(`GRANT ${privileges} ON ${table} TO claims_app`);
    await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO claims_app`);
    await q.query(`REVOKE ALL ON FUNCTION app_current_firm() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_current_firm() TO claims_app`);
  }

  /**
   * The whole intake write in one call. The firm comes from the case, never from the caller,
   * and the case must be open now (SQLSTATE CL001 otherwise). plpgsql keeps the statement's
   * plan per session, which is what a named prepared statement gave before.
   */
  private async createIntakeFunction(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION submit_claim(
        p_claim_id uuid, p_claimant_id uuid, p_case_id uuid,
        p_name_enc bytea, p_birth_date_enc bytea, p_email_enc bytea, p_phone_enc bytea, p_address_enc bytea,
        p_email_hash bytea, p_phone_hash bytea, p_claim_number text, p_answers jsonb, p_locale text,
        p_idempotency_key text, p_request_fingerprint bytea, p_ip_hash bytea,
        p_consent_version text, p_consent_purposes text[], p_consent_granted boolean[], p_consent_sha bytea[],
        p_signature_id uuid, p_mandate_version text, p_mandate_sha bytea, p_typed_name_enc bytea,
        p_signed_at timestamptz, p_ip_enc bytea, p_user_agent text)
      RETURNS TABLE (claim_id uuid, claim_number text, status text, firm_id uuid)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_firm uuid;
      BEGIN
        SELECT c.firm_id INTO v_firm FROM cases c
         WHERE c.id = p_case_id AND now() >= c.intake_opens_at AND now() < c.intake_closes_at;
        IF v_firm IS NULL THEN
          RAISE EXCEPTION 'case % is not open for claims', p_case_id USING ERRCODE = 'CL001';
        END IF;
        -- Local to this statement's transaction: the policies below see this firm only.
        PERFORM set_config('app.firm_id', v_firm::text, true);
        RETURN QUERY
        WITH claimant AS (
          INSERT INTO claimants (id, firm_id, case_id, name_enc, birth_date_enc, email_enc, phone_enc, address_enc, email_hash, phone_hash)
          VALUES (p_claimant_id, v_firm, p_case_id, p_name_enc, p_birth_date_enc, p_email_enc, p_phone_enc, p_address_enc, p_email_hash, p_phone_hash)
          RETURNING id
        ), claim AS (
          INSERT INTO claims (id, firm_id, case_id, claimant_id, claim_number, status, answers, locale, idempotency_key,
                              request_fingerprint, submitted_ip_hash)
          SELECT p_claim_id, v_firm, p_case_id, claimant.id, p_claim_number, 'submitted', p_answers, p_locale, p_idempotency_key,
                 p_request_fingerprint, p_ip_hash FROM claimant
          RETURNING id, claim_number, status
        ), event AS (
          INSERT INTO claim_events (claim_id, firm_id, to_status, actor) SELECT id, v_firm, 'submitted', 'claimant' FROM claim
        ), consent AS (
          INSERT INTO consents (claim_id, firm_id, purpose, granted, version, text_sha256)
          SELECT claim.id, v_firm, c.purpose, c.granted, p_consent_version, c.sha FROM claim,
                 unnest(p_consent_purposes, p_consent_granted, p_consent_sha) AS c(purpose, granted, sha)
        ), signature AS (
          INSERT INTO signatures (id, claim_id, firm_id, document_kind, document_version, document_sha256, typed_name_enc, signed_at,
                                  ip_enc, ip_hash, user_agent)
          SELECT p_signature_id, claim.id, v_firm, 'mandate', p_mandate_version, p_mandate_sha, p_typed_name_enc, p_signed_at,
                 p_ip_enc, p_ip_hash, p_user_agent FROM claim
        ), outbox AS (
          INSERT INTO outbox (topic, aggregate_id, firm_id) SELECT 'claim.submitted', id, v_firm FROM claim
        )
        SELECT claim.id, claim.claim_number, claim.status, v_firm FROM claim;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION submit_claim FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION submit_claim TO claims_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION mark_email_sent`);
    await q.query(`DROP FUNCTION submit_claim`);
    for (const table of ['firms', 'cases', 'claimants', 'claims', 'claim_events', 'consents', 'signatures', 'claim_assessments', 'notifications', 'access_log', 'access_log_heads']) {
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
      await q.query(`DO $$ DECLARE p record; BEGIN
        FOR p IN SELECT policyname FROM pg_policies WHERE tablename = '${table}' LOOP
          EXECUTE format('DROP POLICY %I ON ${table}', p.policyname);
        END LOOP; END $$`);
    }
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM claims_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM claims_app`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM claims_app`);
    await q.query(`DROP TRIGGER access_log_chain ON access_log`);
    await q.query(`DROP FUNCTION access_log_chain()`);
    await q.query(`DROP INDEX access_log_chain_idx`);
    await q.query(`ALTER TABLE access_log DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN chain_seq, DROP COLUMN fields, DROP COLUMN subject_count`);
    await q.query(`DROP FUNCTION access_log_canonical(access_log)`);
    await q.query(`DROP TABLE access_log_heads`);
    await q.query(`DROP INDEX claims_submitted_idx`);
    await q.query(`CREATE INDEX claims_submitted_idx ON claims (created_at) WHERE status = 'submitted'`);
    await q.query(`DROP INDEX notifications_unsent_idx`);
    await q.query(`UPDATE notifications SET status = 'pending' WHERE status = 'sending'`);
    await q.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_lease_check, DROP CONSTRAINT notifications_status_check,
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending','sent','failed')),
        DROP COLUMN lease_takeovers, DROP COLUMN lease_expires_at, DROP COLUMN lease_owner, DROP COLUMN not_before`);
    await q.query(`CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending'`);
    await q.query(`DROP INDEX outbox_due_idx`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    await q.query(`ALTER TABLE outbox DROP COLUMN not_before, DROP COLUMN firm_id`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_firm_id_fkey FOREIGN KEY (firm_id) REFERENCES firms (id)`);
    for (const table of ['claim_events', 'consents', 'signatures', 'claim_assessments']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN firm_id`);
    }
    await q.query(`DROP FUNCTION app_current_firm()`);
    // The claims_app role is cluster-wide and may serve other databases: it stays.
  }
}
