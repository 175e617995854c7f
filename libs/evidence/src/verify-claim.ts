/**
 * First verification of a claim from what intake recorded. Signals flag a claim for
 * review; none of them rejects on its own (a shared IP is not proof of fraud).
 */
export interface VerificationInput {
  claimantName: string;
  typedSignatureName: string;
  samePhoneClaims: number;
  sameIpClaims24h: number;
}

export interface Verification {
  signatureMatchesName: boolean;
  samePhoneClaims: number;
  sameIpClaims24h: number;
  /** What still has to be verified before filing; later issues add the checks. */
  pending: ('identity' | 'evidence' | 'contact')[];
}

/** For comparing a typed signature with the claimant's name: NFC, single spaces, any case. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('ko');
}

export function verifyClaim(input: VerificationInput): Verification {
  return {
    signatureMatchesName: normaliseName(input.claimantName) === normaliseName(input.typedSignatureName),
    samePhoneClaims: input.samePhoneClaims,
    sameIpClaims24h: input.sameIpClaims24h,
    pending: ['identity', 'evidence', 'contact'],
  };
}
