import type { ProofRecord } from '@app/claimants';

/**
 * The JSON files of one plaintiff's folder in a proof-of-mandate pack, as pure functions of the
 * opened record: consent records, identity (the person, the guardian, the email proof, what
 * verification found) and the signature record, evidence as hashes, and the claim's audit trail.
 */
export function consentJson(r: ProofRecord): object {
  return { claimNumber: r.claimNumber, consents: r.consents };
}

export function identityJson(r: ProofRecord): object {
  const { text: _text, ...signature } = r.signature;
  return {
    claimNumber: r.claimNumber,
    claimant: r.claimant,
    guardian: r.guardian,
    emailVerification: r.emailVerification,
    verification: r.verification,
    signature: { ...signature, textKept: r.signature.text !== null },
  };
}

export function evidenceJson(r: ProofRecord): object {
  return { claimNumber: r.claimNumber, note: 'Hashes of the files on record, not the files.', files: r.evidence };
}

export function auditJson(r: ProofRecord): object {
  return { claimNumber: r.claimNumber, status: r.status, submittedAt: r.submittedAt, events: r.events, decisions: r.decisions };
}

/** A folder per plaintiff, in the pack's order: "0001_CP25-000123/". */
export function folderOf(seq: number, claimNumber: string): string {
  return `${String(seq).padStart(4, '0')}_${claimNumber.replace(/[^A-Za-z0-9-]/g, '_')}/`;
}

export const json = (value: object): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
