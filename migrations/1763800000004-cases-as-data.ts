import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases as data.
 *
 * - case_versions: each saved version of a case's definition (questionnaire, consents, mandate,
 *   rules, damages) as one JSON document, never changed once written. cases.active_version points
 *   at the one in force; case_activations records every change of it (who, when, from, to).
 *   A case's text columns move into the document. The intake window stays on `cases`, copied
 *   from the active version on activation, because submit_claim() checks it in the same statement.
 *   Cases that existed before this migration have no version: they take no claims until one is
 *   saved and activated (`npm run seed` does it for the demo cases).
 * - claims record the case version and questionnaire version they were taken under, and
 *   facts_version: raised by every new fact (a cure, new evidence, a staff request), so each
 *   fact gets its own assessment while a retried job of the same fact finds its row there.
 * - claim_assessments become attempts: one per (claim, facts version, rules version, model
 *   version), the latest being current. The old key let a claim be assessed once per versions,
 *   so a cured claim could never be assessed again.
 * - signatures and consents record the language of the text shown; consent purposes are the
 *   case's own.
 * - rescore_runs: one background re-scoring after an activation, resumable from its cursor.
 *   claim_flags: what a person must look at (a decided claim whose result a new version changes).
 */
export class CasesAsData1763800000004 implements MigrationInterface {
  name = 'CasesAsData1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_versions (
        case_id      uuid NOT NULL REFERENCES cases(id),
        version      integer NOT NULL CHECK (version > 0),
        firm_id      uuid NOT NULL REFERENCES firms(id),
        definition   jsonb NOT NULL,
        sha256       bytea NOT NULL CHECK (length(sha256) = 32),
        created_at   timestamptz NOT NULL DEFAULT now(),
        created_by   text NOT NULL,
        PRIMARY KEY (case_id, version),
        CONSTRAINT case_versions_content_uq UNIQUE (case_id, sha256)
      )`);
    await q.query(`
      CREATE TABLE case_activations (
        id            uuid PRIMARY KEY,
        case_id       uuid NOT NULL REFERENCES cases(id),
        firm_id       uuid NOT NULL REFERENCES firms(id),
        from_version  integer,
        to_version    integer NOT NULL,
        actor         text NOT NULL,
        reason        text,
        at            timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (case_id, to_version) REFERENCES case_versions (case_id, version)
      )`);
    await q.query(`CREATE INDEX case_activations_case_idx ON case_activations (case_id, at)`);
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN active_version integer,
        ADD CONSTRAINT cases_active_version_fk FOREIGN KEY (id, active_version) REFERENCES case_versions (case_id, version),
        DROP COLUMN title_ko, DROP COLUMN title_en, DROP COLUMN summary_ko, DROP COLUMN summary_en, DROP COLUMN defendant,
        DROP COLUMN incident_disclosed_on, DROP COLUMN limitation_years, DROP COLUMN damage_min_won, DROP COLUMN damage_max_won,
        DROP COLUMN consent_version, DROP COLUMN consent_texts, DROP COLUMN mandate_version, DROP COLUMN mandate_text_ko,
        DROP COLUMN mandate_text_en, DROP COLUMN mandate_sha256, DROP COLUMN rules_version, DROP COLUMN damage_model`);

    await q.query(`
      ALTER TABLE claims
        ADD COLUMN case_version integer,
        ADD COLUMN questionnaire_version text,
        ADD COLUMN facts_version integer NOT NULL DEFAULT 1 CHECK (facts_version > 0),
        ADD COLUMN last_fact text NOT NULL DEFAULT 'submitted' CHECK (last_fact ~ '^[a-z][a-z_-]{1,39}$')`);
    // Re-scoring walks a case's claims in id order (uuidv7: the order they came in).
    await q.query(`CREATE INDEX claims_case_id_idx ON claims (case_id, id)`);
    await q.query(`ALTER TABLE signatures ADD COLUMN document_language text CHECK (document_language IN ('ko','en'))`);
    await q.query(`ALTER TABLE consents ADD COLUMN text_language text CHECK (text_language IN ('ko','en'))`);
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_purpose_check, ADD CONSTRAINT consents_purpose_check CHECK (purpose ~ '^[a-z][a-z0-9_]{1,39}$')`);

    await q.query(`
      ALTER TABLE claim_assessments
        DROP CONSTRAINT claim_assessments_versions_uq,
        ADD COLUMN facts_version integer NOT NULL DEFAULT 1,
        ADD COLUMN case_version integer,
        ADD COLUMN trigger text NOT NULL DEFAULT 'submitted' CHECK (trigger ~ '^[a-z][a-z_-]{1,39}$'),
        ADD COLUMN estimate_inputs jsonb,
        ADD COLUMN deficiencies jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN cure_by date,
        ADD CONSTRAINT claim_assessments_attempt_uq UNIQUE (claim_id, facts_version, rules_version, model_version)`);
    await q.query(`ALTER TABLE claim_assessments ALTER COLUMN trigger DROP DEFAULT`);
    // The current assessment is the latest: read by (claim_id, id DESC).
    await q.query(`CREATE INDEX claim_assessments_latest_idx ON claim_assessments (claim_id, id DESC)`);

    await q.query(`
      CREATE TABLE rescore_runs (
        -- The activation's id: one run per activation, so a repeated job finds its run.
        id             uuid PRIMARY KEY REFERENCES case_activations(id),
        firm_id        uuid NOT NULL REFERENCES firms(id),
        case_id        uuid NOT NULL REFERENCES cases(id),
        from_version   integer,
        to_version     integer NOT NULL,
        status         text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','superseded')),
        total          integer NOT NULL,
        done           integer NOT NULL DEFAULT 0,
        reassessed     integer NOT NULL DEFAULT 0,
        moved          integer NOT NULL DEFAULT 0,
        flagged        integer NOT NULL DEFAULT 0,
        -- Claims are walked in id order; everything up to the cursor is done and committed.
        cursor         uuid,
        started_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz
      )`);
    await q.query(`CREATE INDEX rescore_runs_running_idx ON rescore_runs (firm_id, updated_at) WHERE status = 'running'`);
    await q.query(`
      CREATE TABLE claim_flags (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        claim_id      uuid NOT NULL REFERENCES claims(id),
        firm_id       uuid NOT NULL REFERENCES firms(id),
        kind          text NOT NULL CHECK (kind IN ('result-changed')),
        rescore_run_id uuid REFERENCES rescore_runs(id),
        details       jsonb NOT NULL,
        -- What raised it (a run and a claim, or a claim's fact): a repeated chunk or job adds nothing.
        dedupe_key    text NOT NULL UNIQUE,
        created_at    timestamptz NOT NULL DEFAULT now(),
        resolved_at   timestamptz,
        resolved_by   text
      )`);
    await q.query(`CREATE INDEX claim_flags_claim_idx ON claim_flags (claim_id)`);
    await q.query(`CREATE INDEX claim_flags_open_idx ON claim_flags (firm_id, created_at) WHERE resolved_at IS NULL`);

    for (const table of ['case_activations', 'rescore_runs', 'claim_flags']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_firm ON ${table} USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    }
    // Case versions are public facts, like cases: the case page shows the active one.
    await q.query(`ALTER TABLE case_versions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY case_versions_read ON case_versions FOR SELECT USING (app_current_firm() IS NULL OR firm_id = app_current_firm())`);
    await q.query(`CREATE POLICY case_versions_insert ON case_versions FOR INSERT WITH CHECK (firm_id = app_current_firm())`);
    // Versions and activations are written once and never changed.
    await q.query(`GRANT SELECT, INSERT ON case_versions, case_activations TO claims_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON rescore_runs, claim_flags TO claims_app`);
    await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO claims_app`);

    await q.query(`DROP FUNCTION submit_claim`);
    await this.createIntakeFunction(q);
  }

  /**
   * As in FirmIsolation, plus the versions the claim was taken under and the language of the
   * texts shown. The case must have an active version.
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
        p_signed_at timestamptz, p_ip_enc bytea, p_user_agent text,
        p_case_version integer, p_questionnaire_version text, p_language text)
      RETURNS TABLE (claim_id uuid, claim_number text, status text, firm_id uuid)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_firm uuid;
      BEGIN
        -- The version the claim was checked against must still be the active one: a claim
        -- validated against a questionnaire that was replaced a moment ago is refused (CL002).
        SELECT c.firm_id INTO v_firm FROM cases c
         WHERE c.id = p_case_id AND now() >= c.intake_opens_at AND now() < c.intake_closes_at AND c.active_version IS NOT NULL;
        IF v_firm IS NULL THEN
          RAISE EXCEPTION 'case % is not open for claims', p_case_id USING ERRCODE = 'CL001';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case_id AND c.active_version = p_case_version) THEN
          RAISE EXCEPTION 'case % has a newer version than %', p_case_id, p_case_version USING ERRCODE = 'CL002';
        END IF;
        PERFORM set_config('app.firm_id', v_firm::text, true);
        RETURN QUERY
        WITH claimant AS (
          INSERT INTO claimants (id, firm_id, case_id, name_enc, birth_date_enc, email_enc, phone_enc, address_enc, email_hash, phone_hash)
          VALUES (p_claimant_id, v_firm, p_case_id, p_name_enc, p_birth_date_enc, p_email_enc, p_phone_enc, p_address_enc, p_email_hash, p_phone_hash)
          RETURNING id
        ), claim AS (
          INSERT INTO claims (id, firm_id, case_id, claimant_id, claim_number, status, answers, locale, idempotency_key,
                              request_fingerprint, submitted_ip_hash, case_version, questionnaire_version)
          SELECT p_claim_id, v_firm, p_case_id, claimant.id, p_claim_number, 'submitted', p_answers, p_locale, p_idempotency_key,
                 p_request_fingerprint, p_ip_hash, p_case_version, p_questionnaire_version FROM claimant
          RETURNING id, claim_number, status
        ), event AS (
          INSERT INTO claim_events (claim_id, firm_id, to_status, actor) SELECT id, v_firm, 'submitted', 'claimant' FROM claim
        ), consent AS (
          INSERT INTO consents (claim_id, firm_id, purpose, granted, version, text_sha256, text_language)
          SELECT claim.id, v_firm, c.purpose, c.granted, p_consent_version, c.sha, p_language FROM claim,
                 unnest(p_consent_purposes, p_consent_granted, p_consent_sha) AS c(purpose, granted, sha)
        ), signature AS (
          INSERT INTO signatures (id, claim_id, firm_id, document_kind, document_version, document_sha256, typed_name_enc, signed_at,
                                  ip_enc, ip_hash, user_agent, document_language)
          SELECT p_signature_id, claim.id, v_firm, 'mandate', p_mandate_version, p_mandate_sha, p_typed_name_enc, p_signed_at,
                 p_ip_enc, p_ip_hash, p_user_agent, p_language FROM claim
        ), outbox AS (
          INSERT INTO outbox (topic, aggregate_id, firm_id) SELECT 'claim.submitted', id, v_firm FROM claim
        )
        SELECT claim.id, claim.claim_number, claim.status, v_firm FROM claim;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION submit_claim FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION submit_claim TO claims_app`);
  }

  async down(): Promise<void> {
    // The case texts now live only in case_versions; putting them back into columns is a
    // restore from backup, not a migration.
    throw new Error('CasesAsData cannot be reverted; restore the database from a backup taken before it');
  }
}
