/**
 * First verification of a claim from what intake recorded. Signals flag a claim for
 * review; none of them rejects on its own (a shared IP is not proof of fraud).
 */
export interface VerificationInput {
  claimantName: string;
  /** The legal guardian who filed and signed for a minor: the signature must be theirs. */
  guardianName?: string | null;
  typedSignatureName: string;
  samePhoneClaims: number;
  sameIpClaims24h: number;
  /** Files on record per evidence kind. */
  evidence?: Record<string, number>;
}

export interface Verification {
  /** The typed signature is the signer's name (the guardian's, when a guardian filed). */
  signatureMatchesName: boolean;
  samePhoneClaims: number;
  sameIpClaims24h: number;
  filedByGuardian?: boolean;
  /** Files on record per evidence kind when verified: what the rules counted. */
  evidence?: Record<string, number>;
  /** What still has to be verified before filing; later issues add the checks. */
  pending: ('identity' | 'evidence' | 'contact')[];
}

/** For comparing a typed signature with the claimant's name: NFC, single spaces, any case. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('ko');
}

export function verifyClaim(input: VerificationInput): Verification {
  const signer = input.guardianName ?? input.claimantName;
  return {
    signatureMatchesName: normaliseName(signer) === normaliseName(input.typedSignatureName),
    samePhoneClaims: input.samePhoneClaims,
    sameIpClaims24h: input.sameIpClaims24h,
    filedByGuardian: !!input.guardianName,
    evidence: input.evidence ?? {},
    pending: ['identity', 'evidence', 'contact'],
  };
}
