import type { DataSource } from 'typeorm';
import { preparedRows } from '@app/database';
import type { Answers } from '@app/eligibility';
import type { ClaimStatus } from './claim-status';

/** Everything one new claim writes, already encrypted and hashed. */
export interface NewClaim {
  claimId: string;
  claimantId: string;
  signatureId: string;
  caseId: string;
  claimNumber: string;
  locale: 'ko' | 'en';
  answers: Answers;
  caseVersion: number;
  questionnaireVersion: string;
  /** The language the mandate and consents were shown in. */
  language: 'ko' | 'en';
  idempotencyKey: string | null;
  requestFingerprint: Buffer;
  submittedIpHash: Buffer;
  /** Party: name, birth date and address sealed together as well (PersonalData.sealClaimant). */
  sealed: { name: Buffer; birthDate: Buffer; email: Buffer; phone: Buffer; address: Buffer; party: Buffer; typedName: Buffer; ip: Buffer; mandateText: Buffer };
  emailHash: Buffer;
  phoneHash: Buffer;
  consentVersion: string;
  consents: { purpose: string; granted: boolean; textSha256: Buffer }[];
  mandateVersion: string;
  mandateSha256: Buffer;
  userAgent: string;
  signedAt: Date;
  signer: 'claimant' | 'guardian';
  /** The legal guardian who files and signs for a minor, sealed. */
  guardian: { name: Buffer; birthDate: Buffer; phone: Buffer; relation: 'parent' | 'guardian' } | null;
}

export interface SubmittedClaim {
  claimId: string;
  claimNumber: string;
  status: ClaimStatus;
  firmId: string;
}

/** SQLSTATE raised by submit_claim() when the case is not taking claims right now. */
export const INTAKE_CLOSED_SQLSTATE = 'CL001';
/** SQLSTATE raised by submit_claim() when the case's active version is no longer the one the claim was checked against. */
export const VERSION_CHANGED_SQLSTATE = 'CL002';

/**
 * The intake write: one call to submit_claim() (migrations/1763800000013-party-record.ts),
 * which writes the claimant, the claim, its first event, the consents, the signature record,
 * the guardian of a minor, empties the draft it came from, and writes the outbox row for the
 * worker, in one statement, under the firm the case belongs to.
 * One round trip and nothing half-written; exported so the benchmark's ceiling runs the
 * very same statement straight against Postgres.
 */
export const SUBMIT_CLAIM_SQL = `SELECT claim_id AS "claimId", claim_number AS "claimNumber", status, firm_id AS "firmId"
  FROM submit_claim($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                    $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37)`;

export function submitClaimParams(c: NewClaim): unknown[] {
  return [
    c.claimId, c.claimantId, c.caseId, c.sealed.name, c.sealed.birthDate, c.sealed.email, c.sealed.phone, c.sealed.address,
    c.emailHash, c.phoneHash, c.claimNumber, JSON.stringify(c.answers), c.locale, c.idempotencyKey, c.requestFingerprint,
    c.submittedIpHash, c.consentVersion, c.consents.map((x) => x.purpose), c.consents.map((x) => x.granted),
    c.consents.map((x) => x.textSha256), c.signatureId, c.mandateVersion, c.mandateSha256, c.sealed.typedName, c.signedAt,
    c.sealed.ip, c.userAgent, c.caseVersion, c.questionnaireVersion, c.language,
    c.signer, c.sealed.mandateText, c.guardian?.name ?? null, c.guardian?.birthDate ?? null, c.guardian?.phone ?? null, c.guardian?.relation ?? null,
    c.sealed.party,
  ];
}

export async function runSubmitClaim(dataSource: DataSource, claim: NewClaim): Promise<SubmittedClaim> {
  const [row] = await preparedRows<SubmittedClaim>(dataSource, { name: 'submit-claim-v5', text: SUBMIT_CLAIM_SQL }, submitClaimParams(claim));
  return row;
}
