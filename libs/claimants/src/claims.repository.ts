import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ClaimAnswers, SAME_IP_REVIEW_THRESHOLD } from '@app/eligibility';
import { queryRows } from '@app/database';
import type { ClaimStatus } from './claim-status';

export interface NewClaimRow {
  claimId: string;
  claimantId: string;
  signatureId: string;
  firmId: string;
  caseId: string;
  claimNumber: string;
  locale: 'ko' | 'en';
  answers: ClaimAnswers;
  idempotencyKey: string | null;
  requestFingerprint: Buffer;
  submittedIpHash: Buffer;
  enc: { name: Buffer; birthDate: Buffer; email: Buffer; phone: Buffer; address: Buffer; typedName: Buffer; ip: Buffer };
  emailHash: Buffer;
  phoneHash: Buffer;
  consentVersion: string;
  consents: { purpose: string; granted: boolean; textSha256: Buffer }[];
  mandateVersion: string;
  mandateSha256: Buffer;
  userAgent: string;
  signedAt: Date;
}

export interface ClaimRef {
  claimId: string;
  claimNumber: string;
  status: ClaimStatus;
  firmId: string;
  requestFingerprint: Buffer | null;
}

/**
 * One statement writes the claimant, the claim, its first event, the consents, the
 * signature record and the outbox row. Data-modifying CTEs run exactly once and atomically,
 * so the claim costs one round trip and nothing is ever half-written. Exported for the
 * benchmark, which measures this same statement as the raw-Postgres ceiling.
 */
export const INSERT_CLAIM_SQL = `
WITH claimant AS (
  INSERT INTO claimants (id, firm_id, case_id, name_enc, birth_date_enc, email_enc, phone_enc, address_enc, email_hash, phone_hash)
  VALUES ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  RETURNING id
), claim AS (
  INSERT INTO claims (id, firm_id, case_id, claimant_id, claim_number, status, answers, locale, idempotency_key,
                      request_fingerprint, submitted_ip_hash)
  SELECT $1, $3, $4, claimant.id, $12, 'submitted', $13, $14, $15, $16, $17 FROM claimant
  RETURNING id, claim_number, status
), event AS (
  INSERT INTO claim_events (claim_id, to_status, actor) SELECT id, 'submitted', 'claimant' FROM claim
), consent AS (
  INSERT INTO consents (claim_id, purpose, granted, version, text_sha256)
  SELECT claim.id, c.purpose, c.granted, $18, c.sha FROM claim,
         unnest($19::text[], $20::boolean[], $21::bytea[]) AS c(purpose, granted, sha)
), signature AS (
  INSERT INTO signatures (id, claim_id, document_kind, document_version, document_sha256, typed_name_enc, signed_at,
                          ip_enc, ip_hash, user_agent)
  SELECT $22, claim.id, 'mandate', $23, $24, $25, $26, $27, $17, $28 FROM claim
), outbox AS (
  INSERT INTO outbox (topic, aggregate_id) SELECT 'claim.submitted', id FROM claim
)
SELECT id, claim_number, status FROM claim`;

export function insertClaimParams(r: NewClaimRow): unknown[] {
  return [
    r.claimId, r.claimantId, r.firmId, r.caseId, r.enc.name, r.enc.birthDate, r.enc.email, r.enc.phone, r.enc.address,
    r.emailHash, r.phoneHash, r.claimNumber, JSON.stringify(r.answers), r.locale, r.idempotencyKey, r.requestFingerprint,
    r.submittedIpHash, r.consentVersion, r.consents.map((c) => c.purpose), r.consents.map((c) => c.granted),
    r.consents.map((c) => c.textSha256), r.signatureId, r.mandateVersion, r.mandateSha256, r.enc.typedName, r.signedAt,
    r.enc.ip, r.userAgent,
  ];
}

/**
 * The intake write as a named prepared statement: Postgres parses and plans it once per
 * connection instead of once per claim, which matters when both share two cores.
 */
export function insertClaimQuery(row: NewClaimRow) {
  return { name: 'insert-claim-v1', text: INSERT_CLAIM_SQL, values: insertClaimParams(row) };
}

@Injectable()
export class ClaimsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(row: NewClaimRow): Promise<{ claimId: string; claimNumber: string; status: ClaimStatus }> {
    // Straight to the driver's pool: TypeORM's query() has no way to name a statement.
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query(insertClaimQuery(row));
    const r = rows[0];
    return { claimId: r.id, claimNumber: r.claim_number, status: r.status };
  }

  async findByIdempotencyKey(caseId: string, key: string): Promise<ClaimRef | null> {
    const rows = await this.db.query(
      `SELECT id, claim_number, status, firm_id, request_fingerprint FROM claims WHERE case_id = $1 AND idempotency_key = $2`,
      [caseId, key],
    );
    return rows.length ? toRef(rows[0]) : null;
  }

  async findByEmailHash(caseId: string, emailHash: Buffer): Promise<ClaimRef | null> {
    const rows = await this.db.query(
      `SELECT cl.id, cl.claim_number, cl.status, cl.firm_id, cl.request_fingerprint
         FROM claimants c JOIN claims cl ON cl.claimant_id = c.id
        WHERE c.case_id = $1 AND c.email_hash = $2`,
      [caseId, emailHash],
    );
    return rows.length ? toRef(rows[0]) : null;
  }

  async findStatus(claimId: string) {
    const rows = await this.db.query(
      `SELECT cl.id, cl.claim_number, cl.status, cl.status_changed_at, cl.created_at, cl.case_id, cl.locale,
              a.verdict, a.reasons, a.estimate_won, a.estimate_breakdown, a.model_version, a.rules_version
         FROM claims cl
         LEFT JOIN LATERAL (SELECT * FROM claim_assessments a WHERE a.claim_id = cl.id ORDER BY a.id DESC LIMIT 1) a ON true
        WHERE cl.id = $1`,
      [claimId],
    );
    return rows[0] ?? null;
  }

  /** Everything the first-pass assessment needs for a batch of claims, in one query. */
  async loadForAssessment(claimIds: string[]) {
    return this.db.query(
      `SELECT cl.id AS claim_id, cl.firm_id, cl.case_id, cl.status, cl.answers, cl.locale, cl.submitted_ip_hash, cl.created_at,
              c.id AS claimant_id, c.name_enc, c.birth_date_enc, c.phone_hash,
              s.id AS signature_id, s.typed_name_enc,
              (SELECT count(*) FROM claimants o WHERE o.case_id = c.case_id AND o.phone_hash = c.phone_hash AND o.id <> c.id)::int
                AS same_phone_claims,
              -- Counted only up to the review threshold: behind a carrier NAT thousands of claims
              -- share an IP, and counting them all for every claim made the worker quadratic.
              (SELECT count(*) FROM (SELECT 1 FROM claims o WHERE o.case_id = cl.case_id AND o.submitted_ip_hash = cl.submitted_ip_hash
                  AND o.created_at > cl.created_at - interval '24 hours' AND o.created_at <= cl.created_at LIMIT $2) capped)::int
                AS same_ip_claims_24h
         FROM claims cl
         JOIN claimants c ON c.id = cl.claimant_id
         JOIN signatures s ON s.claim_id = cl.id AND s.document_kind = 'mandate'
        WHERE cl.id = ANY($1::uuid[])`,
      [claimIds, SAME_IP_REVIEW_THRESHOLD],
    ) as Promise<AssessmentInputRow[]>;
  }

  /**
   * Stores first-pass results for a batch and moves each claim out of `submitted`.
   * Idempotent: an assessment already stored for the same versions is left alone, and
   * only claims still in `submitted` move. Returns the claims that moved.
   */
  async saveAssessments(tx: EntityManager, results: AssessmentResult[]): Promise<{ claimId: string; status: ClaimStatus }[]> {
    if (results.length === 0) return [];
    const rows = await queryRows<{ id: string; status: ClaimStatus }>(
      tx,
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::jsonb[], $7::int[], $8::jsonb[], $9::text[])
           AS t(claim_id, rules_version, model_version, verification, verdict, reasons, estimate_won, estimate_breakdown, next_status)
       ), inserted AS (
         INSERT INTO claim_assessments (claim_id, rules_version, model_version, verification, verdict, reasons, estimate_won, estimate_breakdown)
         SELECT claim_id, rules_version, model_version, verification, verdict, reasons, estimate_won, estimate_breakdown FROM input
         ON CONFLICT (claim_id, rules_version, model_version) DO NOTHING
         RETURNING claim_id
       ), moved AS (
         UPDATE claims cl SET status = i.next_status, status_changed_at = now(), updated_at = now()
           FROM input i JOIN inserted USING (claim_id)
          WHERE cl.id = i.claim_id AND cl.status = 'submitted'
         RETURNING cl.id, cl.status
       ), event AS (
         INSERT INTO claim_events (claim_id, from_status, to_status, actor, reason)
         SELECT id, 'submitted', status, 'system', 'initial assessment' FROM moved
       )
       SELECT id, status FROM moved`,
      [
        results.map((r) => r.claimId), results.map((r) => r.rulesVersion), results.map((r) => r.modelVersion),
        results.map((r) => JSON.stringify(r.verification)), results.map((r) => r.verdict),
        results.map((r) => JSON.stringify(r.reasons)), results.map((r) => r.estimateWon),
        results.map((r) => JSON.stringify(r.breakdown)), results.map((r) => r.nextStatus),
      ],
    );
    return rows.map((r) => ({ claimId: r.id, status: r.status }));
  }
}

export interface AssessmentInputRow {
  claim_id: string;
  firm_id: string;
  case_id: string;
  status: ClaimStatus;
  answers: ClaimAnswers;
  locale: 'ko' | 'en';
  claimant_id: string;
  name_enc: Buffer;
  birth_date_enc: Buffer;
  signature_id: string;
  typed_name_enc: Buffer;
  same_phone_claims: number;
  same_ip_claims_24h: number;
}

export interface AssessmentResult {
  claimId: string;
  rulesVersion: string;
  modelVersion: string;
  verification: Record<string, unknown>;
  verdict: string;
  reasons: unknown[];
  estimateWon: number;
  breakdown: unknown[];
  nextStatus: ClaimStatus;
}

function toRef(r: Record<string, any>): ClaimRef {
  return { claimId: r.id, claimNumber: r.claim_number, status: r.status, firmId: r.firm_id, requestFingerprint: r.request_fingerprint };
}
