import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The claimant web: drafts, guardians, evidence files, deletion requests.
 *
 * - claim_drafts: a claim being filled in through the pages, one per case and email address,
 *   saved step by step so a person can resume from an emailed link on any device. Everything
 *   they typed is one sealed JSON document (data_enc); the draft's id becomes the claim's id
 *   on submission, so files uploaded to the draft belong to the claim without another write.
 *   submit_claim() empties data_enc in the same statement that writes the claim.
 * - guardians: the legal guardian who files and signs for a minor (sealed like the claimant).
 * - signatures record who signed (the claimant or the guardian) and the exact text shown,
 *   sealed: the mandate now carries the principal's details, so its hash alone could not be
 *   checked against a template.
 * - evidence_files: uploads, owned by the evidence module. The bytes live in the evidence store
 *   (local disk or S3) under a random name, encrypted with a per-file key that is stored here
 *   wrapped by the master key. owner_id is the draft's id, which is the claim's id once filed.
 *   No file names: they often carry names and dates, and nobody needs them.
 * - claimant_requests: a claimant's request under PIPA that a person must answer (deletion,
 *   within 10 days).
 * - notifications can be about a draft (the link to resume it); they are deleted with the
 *   draft when it expires unsubmitted (as are its uploads).
 *
 * As before, child rows carry firm_id without a foreign key to firms (see FirmIsolation).
 */
export class ClaimantWeb1763800000005 implements MigrationInterface {
  name = 'ClaimantWeb1763800000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claim_drafts (
        id            uuid PRIMARY KEY,
        firm_id       uuid NOT NULL,
        case_id       uuid NOT NULL REFERENCES cases(id),
        email_hash    bytea NOT NULL CHECK (length(email_hash) = 32),
        email_enc     bytea NOT NULL,
        data_enc      bytea,
        locale        text NOT NULL CHECK (locale IN ('ko','en')),
        -- A new resume link raises it, which ends the earlier links and sessions.
        link_version  integer NOT NULL DEFAULT 1,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        submitted_at  timestamptz,
        CONSTRAINT claim_drafts_case_email_uq UNIQUE (case_id, email_hash),
        CHECK (submitted_at IS NULL OR data_enc IS NULL)
      )`);
    await q.query(`CREATE INDEX claim_drafts_expiry_idx ON claim_drafts (expires_at) WHERE submitted_at IS NULL`);

    await q.query(`
      CREATE TABLE guardians (
        claim_id        uuid PRIMARY KEY REFERENCES claims(id),
        firm_id         uuid NOT NULL,
        name_enc        bytea NOT NULL,
        birth_date_enc  bytea NOT NULL,
        phone_enc       bytea NOT NULL,
        relation        text NOT NULL CHECK (relation IN ('parent','guardian')),
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      ALTER TABLE signatures
        ADD COLUMN signer text NOT NULL DEFAULT 'claimant' CHECK (signer IN ('claimant','guardian')),
        ADD COLUMN document_text_enc bytea`);

    await q.query(`
      CREATE TABLE evidence_files (
        id                uuid PRIMARY KEY,
        firm_id           uuid NOT NULL,
        case_id           uuid NOT NULL REFERENCES cases(id),
        owner_id          uuid NOT NULL,
        kind              text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,39}$'),
        media_type        text NOT NULL CHECK (media_type IN ('image/jpeg','image/png','application/pdf')),
        original_sha256   bytea NOT NULL CHECK (length(original_sha256) = 32),
        original_bytes    integer NOT NULL CHECK (original_bytes > 0),
        stored_bytes      integer NOT NULL CHECK (stored_bytes > 0),
        storage_key       text NOT NULL UNIQUE,
        wrapped_key       bytea NOT NULL,
        width             integer,
        height            integer,
        page_count        integer,
        thumbnail_key     text UNIQUE,
        thumbnail_wrapped_key bytea,
        status            text NOT NULL DEFAULT 'stored' CHECK (status IN ('stored','ready','unreadable')),
        uploaded_by       text NOT NULL CHECK (uploaded_by IN ('claimant','staff')),
        uploaded_ip_hash  bytea,
        created_at        timestamptz NOT NULL DEFAULT now(),
        prepared_at       timestamptz,
        removed_at        timestamptz
      )`);
    // One copy of a file per claim; a file removed and uploaded again is a new row.
    await q.query(`CREATE UNIQUE INDEX evidence_files_owner_sha_uq ON evidence_files (owner_id, original_sha256) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX evidence_files_owner_idx ON evidence_files (owner_id, created_at) WHERE removed_at IS NULL`);
    // The same original across claimants is a fraud signal (domain.md); this is its lookup.
    await q.query(`CREATE INDEX evidence_files_case_sha_idx ON evidence_files (case_id, original_sha256)`);
    await q.query(`CREATE INDEX evidence_files_unprepared_idx ON evidence_files (firm_id, created_at) WHERE status = 'stored'`);

    await q.query(`
      CREATE TABLE claimant_requests (
        id            uuid PRIMARY KEY,
        firm_id       uuid NOT NULL,
        claim_id      uuid NOT NULL REFERENCES claims(id),
        kind          text NOT NULL CHECK (kind IN ('deletion')),
        requested_at  timestamptz NOT NULL DEFAULT now(),
        -- PIPA: a data subject's request is answered within 10 days.
        due_by        date NOT NULL,
        status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','refused')),
        resolved_at   timestamptz,
        resolved_by   text
      )`);
    await q.query(`CREATE UNIQUE INDEX claimant_requests_open_uq ON claimant_requests (claim_id, kind) WHERE status = 'open'`);
    await q.query(`CREATE INDEX claimant_requests_due_idx ON claimant_requests (firm_id, due_by) WHERE status = 'open'`);

    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN draft_id uuid REFERENCES claim_drafts(id),
        DROP CONSTRAINT notifications_subject_check,
        ADD CONSTRAINT notifications_subject_check CHECK (num_nonnulls(claim_id, verification_id, draft_id) = 1)`);

    for (const table of ['claim_drafts', 'guardians', 'evidence_files', 'claimant_requests']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_firm ON ${table} USING (firm_id = app_current_firm()) WITH CHECK (firm_id = app_current_firm())`);
    }
    // Drafts expire and are deleted; the rest is kept as the claim's record.
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON claim_drafts TO claims_app`);
    await q.query(`GRANT SELECT, INSERT ON guardians TO claims_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON evidence_files TO claims_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON claimant_requests TO claims_app`);
    // An expired draft goes with the emails that were about it (its resume links).
    await q.query(`GRANT DELETE ON notifications TO claims_app`);

    await q.query(`DROP FUNCTION submit_claim`);
    await this.createIntakeFunction(q);
  }

  /**
   * As in CasesAsData, plus the guardian who signs for a minor, who signed, the sealed text of
   * the mandate shown, and the draft the claim came from (emptied, in the same statement).
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
        p_case_version integer, p_questionnaire_version text, p_language text,
        p_signer text, p_mandate_text_enc bytea,
        p_guardian_name_enc bytea, p_guardian_birth_date_enc bytea, p_guardian_phone_enc bytea, p_guardian_relation text)
      RETURNS TABLE (claim_id uuid, claim_number text, status text, firm_id uuid)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_firm uuid;
      BEGIN
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
                                  ip_enc, ip_hash, user_agent, document_language, signer, document_text_enc)
          SELECT p_signature_id, claim.id, v_firm, 'mandate', p_mandate_version, p_mandate_sha, p_typed_name_enc, p_signed_at,
                 p_ip_enc, p_ip_hash, p_user_agent, p_language, p_signer, p_mandate_text_enc FROM claim
        ), guardian AS (
          INSERT INTO guardians (claim_id, firm_id, name_enc, birth_date_enc, phone_enc, relation)
          SELECT claim.id, v_firm, p_guardian_name_enc, p_guardian_birth_date_enc, p_guardian_phone_enc, p_guardian_relation
            FROM claim WHERE p_guardian_name_enc IS NOT NULL
        ), draft AS (
          UPDATE claim_drafts d SET submitted_at = now(), data_enc = NULL, updated_at = now()
            FROM claim WHERE d.id = claim.id AND d.submitted_at IS NULL
        ), outbox AS (
          INSERT INTO outbox (topic, aggregate_id, firm_id) SELECT 'claim.submitted', id, v_firm FROM claim
        )
        SELECT claim.id, claim.claim_number, claim.status, v_firm FROM claim;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION submit_claim FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION submit_claim TO claims_app`);
  }

  async down(): Promise<void> {
    throw new Error('ClaimantWeb cannot be reverted; restore the database from a backup taken before it');
  }
}
