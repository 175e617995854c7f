import { Injectable } from '@nestjs/common';
import type { Accessor } from '@app/audit';
import { FirmScope, type FirmTx, sqlRows } from '@app/database';
import type { ClaimStatus } from '../claim-status';
import { PersonalData, type PersonalField, type PersonRecord } from '../personal-data';

/** Everything a court may ask to see behind one plaintiff's mandate, opened. */
export interface ProofRecord {
  claimId: string;
  claimNumber: string;
  status: ClaimStatus;
  submittedAt: Date;
  claimant: { name: string; birthDate: string; email: string; phone: string };
  guardian: { name: string; birthDate: string; phone: string; relation: string } | null;
  signature: {
    id: string;
    signer: string;
    documentVersion: string;
    documentLanguage: string | null;
    documentSha256: string;
    signedAt: Date;
    userAgent: string;
    typedName: string;
    ip: string;
    /** The mandate exactly as shown and signed; null for a signature stored before the text was kept. */
    text: string | null;
  };
  consents: { purpose: string; granted: boolean; version: string; language: string | null; textSha256: string; at: Date }[];
  /** The email code that proved the address before intake. */
  emailVerification: { verificationId: string; requestedAt: Date; verifiedAt: Date } | null;
  /** What the latest assessment's verification found (signature against name, who filed, what is still pending). */
  verification: { assessedAt: Date; rulesVersion: string; verdict: string; checks: unknown } | null;
  evidence: { id: string; kind: string; mediaType: string; sha256: string; bytes: number; uploadedBy: string; uploadedAt: Date }[];
  events: { at: Date; from: string | null; to: string; actor: string; reason: string | null }[];
  decisions: { at: Date; kind: string; staffId: string; reason: string | null; details: unknown }[];
}

interface Base {
  claimId: string; claimNumber: string; status: ClaimStatus; submittedAt: Date; caseId: string;
  claimantId: string; firmId: string; nameEnc: Buffer; birthDateEnc: Buffer; emailEnc: Buffer; phoneEnc: Buffer;
  signatureId: string; signer: string; documentVersion: string; documentLanguage: string | null; documentSha256: string; signedAt: Date; userAgent: string;
  typedNameEnc: Buffer; ipEnc: Buffer; documentTextEnc: Buffer | null;
  guardianNameEnc: Buffer | null; guardianBirthDateEnc: Buffer | null; guardianPhoneEnc: Buffer | null; guardianRelation: string | null;
}

const groupBy = <T extends { claimId: string }>(rows: T[]) => {
  const map = new Map<string, Omit<T, 'claimId'>[]>();
  for (const { claimId, ...rest } of rows) map.set(claimId, [...(map.get(claimId) ?? []), rest]);
  return map;
};

/**
 * The records of a proof-of-mandate pack for a few claims at a time (the caller pages): the
 * claimant's and signature's personal fields opened through the one door (an access-log row
 * per person with the reason, committed before decrypting), and the rest as stored: consents,
 * the email proof, verification, evidence hashes (never the files), status events and decisions.
 * Evidence rows are read here, beside the claim's other records, by hash and size only.
 */
@Injectable()
export class ProofRecords {
  constructor(
    private readonly scope: FirmScope,
    private readonly personalData: PersonalData,
  ) {}

  async load(firmId: string, accessor: Accessor & { kind: 'staff' }, claimIds: string[]): Promise<ProofRecord[]> {
    if (claimIds.length === 0) return [];
    const stored = await this.scope.run(firmId, async (tx) => {
      // One after another: a transaction is one connection.
      const base = await this.base(tx, claimIds);
      const consents = await sqlRows<{ claimId: string } & ProofRecord['consents'][number]>(
        tx.manager,
        `SELECT claim_id AS "claimId", purpose, granted, version, text_language AS language, encode(text_sha256, 'hex') AS "textSha256", at
           FROM consents WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, purpose`,
        [claimIds],
      );
      const emails = await sqlRows<{ claimId: string; verificationId: string; requestedAt: Date; verifiedAt: Date }>(
        tx.manager,
        `SELECT DISTINCT ON (cl.id) cl.id AS "claimId", v.id AS "verificationId", v.created_at AS "requestedAt", v.verified_at AS "verifiedAt"
           FROM claims cl JOIN claimants c ON c.id = cl.claimant_id
           JOIN email_verifications v ON v.case_id = c.case_id AND v.email_hash = c.email_hash AND v.verified_at IS NOT NULL AND v.verified_at <= cl.created_at
          WHERE cl.id = ANY($1::uuid[]) ORDER BY cl.id, v.verified_at DESC`,
        [claimIds],
      );
      const checks = await sqlRows<{ claimId: string; assessedAt: Date; rulesVersion: string; verdict: string; checks: unknown }>(
        tx.manager,
        `SELECT DISTINCT ON (claim_id) claim_id AS "claimId", created_at AS "assessedAt", rules_version AS "rulesVersion", verdict, verification AS checks
           FROM claim_assessments WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, id DESC`,
        [claimIds],
      );
      const evidence = await sqlRows<{ claimId: string } & ProofRecord['evidence'][number]>(
        tx.manager,
        `SELECT owner_id AS "claimId", id, kind, media_type AS "mediaType", encode(original_sha256, 'hex') AS sha256, original_bytes AS bytes,
                uploaded_by AS "uploadedBy", created_at AS "uploadedAt"
           FROM evidence_files WHERE owner_id = ANY($1::uuid[]) AND removed_at IS NULL ORDER BY owner_id, created_at`,
        [claimIds],
      );
      const events = await sqlRows<{ claimId: string } & ProofRecord['events'][number]>(
        tx.manager,
        `SELECT claim_id AS "claimId", at, from_status AS "from", to_status AS "to", actor, reason FROM claim_events WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, id`,
        [claimIds],
      );
      const decisions = await sqlRows<{ claimId: string } & ProofRecord['decisions'][number]>(
        tx.manager,
        `SELECT claim_id AS "claimId", at, kind, staff_id AS "staffId", reason, details FROM claim_decisions WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, id`,
        [claimIds],
      );
      return { base, consents: groupBy(consents), emails: new Map(emails.map((e) => [e.claimId, e])), checks: new Map(checks.map((c) => [c.claimId, c])), evidence: groupBy(evidence), events: groupBy(events), decisions: groupBy(decisions) };
    });
    const opened = await this.open(firmId, accessor, stored.base);
    return stored.base.map((b, i) => {
      const o = opened[i] as Record<PersonalField, string> & Partial<Record<'mandateText', string>>;
      const email = stored.emails.get(b.claimId);
      const check = stored.checks.get(b.claimId);
      return {
        claimId: b.claimId,
        claimNumber: b.claimNumber,
        status: b.status,
        submittedAt: b.submittedAt,
        claimant: { name: o.name, birthDate: o.birthDate, email: o.email, phone: o.phone },
        guardian: b.guardianRelation ? { name: o.guardianName, birthDate: o.guardianBirthDate, phone: o.guardianPhone, relation: b.guardianRelation } : null,
        signature: {
          id: b.signatureId, signer: b.signer, documentVersion: b.documentVersion, documentLanguage: b.documentLanguage, documentSha256: b.documentSha256,
          signedAt: b.signedAt, userAgent: b.userAgent, typedName: o.signedName, ip: o.signatureIp, text: o.mandateText ?? null,
        },
        consents: (stored.consents.get(b.claimId) ?? []) as ProofRecord['consents'],
        emailVerification: email ? { verificationId: email.verificationId, requestedAt: email.requestedAt, verifiedAt: email.verifiedAt } : null,
        verification: check ? { assessedAt: check.assessedAt, rulesVersion: check.rulesVersion, verdict: check.verdict, checks: check.checks } : null,
        evidence: (stored.evidence.get(b.claimId) ?? []) as ProofRecord['evidence'],
        events: (stored.events.get(b.claimId) ?? []) as ProofRecord['events'],
        decisions: (stored.decisions.get(b.claimId) ?? []) as ProofRecord['decisions'],
      };
    });
  }

  private base(tx: FirmTx, claimIds: string[]): Promise<Base[]> {
    return sqlRows<Base>(
      tx.manager,
      `SELECT cl.id AS "claimId", cl.claim_number AS "claimNumber", cl.status, cl.created_at AS "submittedAt", cl.case_id AS "caseId",
              c.id AS "claimantId", c.firm_id AS "firmId", c.name_enc AS "nameEnc", c.birth_date_enc AS "birthDateEnc", c.email_enc AS "emailEnc", c.phone_enc AS "phoneEnc",
              s.id AS "signatureId", s.signer, s.document_version AS "documentVersion", s.document_language AS "documentLanguage",
              encode(s.document_sha256, 'hex') AS "documentSha256", s.signed_at AS "signedAt", s.user_agent AS "userAgent",
              s.typed_name_enc AS "typedNameEnc", s.ip_enc AS "ipEnc", s.document_text_enc AS "documentTextEnc",
              g.name_enc AS "guardianNameEnc", g.birth_date_enc AS "guardianBirthDateEnc", g.phone_enc AS "guardianPhoneEnc", g.relation AS "guardianRelation"
         FROM claims cl
         JOIN claimants c ON c.id = cl.claimant_id
         JOIN signatures s ON s.claim_id = cl.id AND s.document_kind = 'mandate'
         LEFT JOIN guardians g ON g.claim_id = cl.id
        WHERE cl.id = ANY($1::uuid[])
        ORDER BY array_position($1::uuid[], cl.id)`,
      [claimIds],
    );
  }

  /** Opens each record's fields; records differ in what they hold (a guardian, the kept text), so one call per shape. */
  private async open(firmId: string, accessor: Accessor & { kind: 'staff' }, base: Base[]): Promise<Partial<Record<PersonalField, string>>[]> {
    const out: Partial<Record<PersonalField, string>>[] = new Array(base.length);
    const shapes = new Map<string, number[]>();
    base.forEach((b, i) => {
      const key = `${b.documentTextEnc ? 't' : ''}${b.guardianRelation ? 'g' : ''}`;
      shapes.set(key, [...(shapes.get(key) ?? []), i]);
    });
    for (const [key, indexes] of shapes) {
      const fields: PersonalField[] = ['name', 'birthDate', 'email', 'phone', 'signedName', 'signatureIp'];
      if (key.includes('t')) fields.push('mandateText');
      if (key.includes('g')) fields.push('guardianName', 'guardianBirthDate', 'guardianPhone');
      const records: PersonRecord[] = indexes.map((i) => {
        const b = base[i];
        return {
          claimant: { id: b.claimantId, firmId: b.firmId, nameEnc: b.nameEnc, birthDateEnc: b.birthDateEnc, emailEnc: b.emailEnc, phoneEnc: b.phoneEnc },
          signature: { id: b.signatureId, typedNameEnc: b.typedNameEnc, ipEnc: b.ipEnc, documentTextEnc: b.documentTextEnc ?? undefined },
          guardian: b.guardianRelation ? { claimId: b.claimId, nameEnc: b.guardianNameEnc!, birthDateEnc: b.guardianBirthDateEnc!, phoneEnc: b.guardianPhoneEnc! } : undefined,
        };
      });
      const revealed = await this.personalData.reveal(firmId, accessor, 'proof-pack.export', records, fields);
      indexes.forEach((i, j) => (out[i] = revealed[j]));
    }
    return out;
  }
}
