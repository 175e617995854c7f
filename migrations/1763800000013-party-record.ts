import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The party record: the three fields a complaint names a plaintiff by (name, birth date,
 * address), sealed together as one value bound to the claimant (`claimant:<id>:party`), beside
 * the three separate columns the console and the proof pack open one at a time.
 *
 * Why a second sealing of the same fields: a plaintiff list opens exactly these three for every
 * plaintiff of a batch, and each AES-GCM opening costs about 5 µs in Node whatever its length
 * (the cipher's set-up, not its bytes). Three openings a person were half of a million-row
 * list's time on the API's core (bench:staff-filing); one is a third of that.
 *
 * - Nullable: claimants taken in before this migration have none. The list opens their three
 *   columns as before (PersonalData.revealParties), and the worker's reconciler seals their
 *   records in the background (UnsealedParties), found through a partial index that is empty
 *   once they are all sealed.
 * - Written by intake only, in the same statement as the three columns (submit_claim gains
 *   p_party_enc): nothing else writes a claimant's name, birth date or address, so the two
 *   cannot drift apart. Whatever comes to edit them must write both (see ClaimantEntity).
 */
export class PartyRecord1763800000013 implements MigrationInterface {
  name = 'PartyRecord1763800000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claimants ADD COLUMN party_enc bytea`);
    await q.query(`CREATE INDEX claimants_unsealed_party_idx ON claimants (firm_id, created_at) WHERE party_enc IS NULL`);
    await q.query(`DROP FUNCTION submit_claim`);
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
        p_guardian_name_enc bytea, p_guardian_birth_date_enc bytea, p_guardian_phone_enc bytea, p_guardian_relation text,
        p_party_enc bytea)
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
          INSERT INTO claimants (id, firm_id, case_id, name_enc, birth_date_enc, email_enc, phone_enc, address_enc, email_hash, phone_hash, party_enc)
          VALUES (p_claimant_id, v_firm, p_case_id, p_name_enc, p_birth_date_enc, p_email_enc, p_phone_enc, p_address_enc, p_email_hash, p_phone_hash, p_party_enc)
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
    throw new Error('PartyRecord cannot be reverted; restore the database from a backup taken before it');
  }
}
