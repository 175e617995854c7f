import { randomBytes } from 'node:crypto';
import { DEMO_CASE_ID, DEMO_FIRM_ID } from '@app/cases';
import type { FieldCipher } from '@app/crypto';

const BATCH = 20_000;

/** Runs one statement as the database's owner. */
export type OwnerQuery = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Assessed claims of the demo case written straight into the database as its owner, in batches
 * of 20,000: claimants, claims and their first assessments under version 1. Birth dates are
 * sealed as intake seals them (re-scoring opens them); the other personal columns are filler
 * nothing reads. The mix: mostly screened; one in twenty waiting for information (no notice),
 * one in twenty in review (US residents), one in twenty approved by staff; ages 15 to 70, so a
 * few minors; four kinds of exposure; some secondary harm; received over the last thirty days.
 * Used by bench:rescore and its test, and bench:staff.
 */
export async function seedAssessedClaims(query: OwnerQuery, cipher: FieldCipher, total: number, onProgress?: (seeded: number) => void): Promise<void> {
  const filler = randomBytes(60);
  for (let offset = 0; offset < total; offset += BATCH) {
    const n = Math.min(BATCH, total - offset);
    const ids: string[] = [];
    const births: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const id = uuidFor(offset + i);
      ids.push(id);
      births.push(cipher.encrypt(`${1956 + ((offset + i) % 56)}-0${1 + ((offset + i) % 9)}-15`, `claimant:${id}:birth_date`));
    }
    await query(
      `INSERT INTO claimants (id, firm_id, case_id, name_enc, birth_date_enc, email_enc, phone_enc, address_enc, email_hash, phone_hash)
       SELECT t.id, $1, $2, $3, t.birth, $3, $3, $3, decode(md5(t.id::text) || md5(t.id::text || 'e'), 'hex'), decode(md5(t.id::text) || md5(t.id::text || 'p'), 'hex')
         FROM unnest($4::uuid[], $5::bytea[]) AS t(id, birth)`,
      [DEMO_FIRM_ID, DEMO_CASE_ID, filler, ids, births],
    );
    await query(
      `WITH src AS (
         -- Claim ids time-ordered like intake's uuidv7: the claimant's id with another first group.
         SELECT c.id AS claimant_id, ('0190f5a2' || substr(c.id::text, 9))::uuid AS claim_id, row_number() OVER (ORDER BY c.id) + $3::bigint AS n
           FROM claimants c WHERE c.id = ANY($4::uuid[])
       ), ins AS (
         INSERT INTO claims (id, firm_id, case_id, claimant_id, claim_number, status, verdict, estimate_won, data_tier, created_at, status_changed_at,
                             answers, locale, case_version, questionnaire_version)
         SELECT claim_id, $1, $2, claimant_id, 'BN-' || lpad(n::text, 9, '0'),
                CASE WHEN n % 20 = 0 THEN 'approved' WHEN n % 20 = 1 THEN 'needs_information' WHEN n % 20 = 2 THEN 'manual_review' ELSE 'screened' END,
                -- The review queue's columns, as saveAssessments writes them from the assessment below.
                CASE WHEN n % 20 = 1 THEN 'needs_information' WHEN n % 20 = 2 THEN 'manual_review' ELSE 'eligible' END, 230000, 'phone_address',
                -- Received over the thirty days before the seeding, in claim order (the ids are time-ordered too).
                now() - interval '30 days' + (n * interval '1 millisecond' * (2592000000 / GREATEST($5::bigint, 1))),
                now() - interval '30 days' + (n * interval '1 millisecond' * (2592000000 / GREATEST($5::bigint, 1))),
                jsonb_build_object(
                  'noticeReceived', CASE WHEN n % 20 = 1 THEN 'none' ELSE 'leak' END,
                  'exposedData', CASE n % 4 WHEN 0 THEN '["name_email"]'::jsonb WHEN 1 THEN '["name_email","phone_address"]'::jsonb
                                            WHEN 2 THEN '["phone_address","order_history"]'::jsonb ELSE '["entry_code"]'::jsonb END,
                  'secondaryHarm', false, 'voucherUsed', n % 3 = 0, 'otherRepresentation', false,
                  'usResident', n % 20 = 2, 'learnedOn', '2025-12-01'),
                'ko', 1, 'coupang-2025.questions.v1'
           FROM src ORDER BY claim_id
         RETURNING id, status
       )
       INSERT INTO claim_assessments (claim_id, firm_id, facts_version, case_version, trigger, rules_version, model_version, verification,
                                      verdict, reasons, deficiencies, estimate_won, estimate_breakdown, estimate_inputs)
       SELECT id, $1, 1, 1, 'submitted', 'coupang-2025.rules.v1', 'coupang-2025.damages.v1',
              '{"signatureMatchesName":true,"samePhoneClaims":0,"sameIpClaims24h":1,"pending":["identity","evidence","contact"]}',
              CASE status WHEN 'needs_information' THEN 'needs_information' WHEN 'manual_review' THEN 'manual_review' ELSE 'eligible' END,
              '[]', '[]', 230000, '[{"code":"base","won":200000},{"code":"tier:phone_address","won":30000}]', '{"tier":"phone_address","additions":[]}'
         FROM ins`,
      [DEMO_FIRM_ID, DEMO_CASE_ID, offset, ids, total],
    );
    onProgress?.(offset + n);
  }
}

/** Time-ordered like uuidv7, so claimants are written in index order. */
function uuidFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0190f5a1-${hex.slice(0, 4)}-7${hex.slice(4, 7)}-8${hex.slice(7, 10)}-${hex.slice(10)}${randomBytes(5).toString('hex')}`;
}
