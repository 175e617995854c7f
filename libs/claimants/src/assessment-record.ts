import type { Assessment, ClaimInput, Signals } from '@app/eligibility';
import type { Verification } from '@app/evidence';
import type { AssessmentRecord } from './claims.repository';

/**
 * The signals the rules read, from what verification found. Every claim's email address was
 * proven before intake (issue 6); identity checks and death records come with later modules,
 * so they are "not yet checked" and "not reported" until then.
 */
export function signalsOf(v: Pick<Verification, 'signatureMatchesName' | 'samePhoneClaims' | 'sameIpClaims24h'>): Signals {
  return {
    emailVerified: true,
    identityVerified: null,
    signatureMatchesName: v.signatureMatchesName,
    samePhoneClaims: v.samePhoneClaims,
    sameIpClaims24h: v.sameIpClaims24h,
    reportedDeceased: false,
  };
}

/**
 * Who filed and what evidence is on record, as verification found them: the facts the rules read
 * besides the answers and signals. An assessment stored before these were kept read as a
 * claimant filing alone with nothing uploaded, which is what such a claim was.
 */
export function filingFactsOf(v: Pick<Verification, 'filedByGuardian' | 'evidence'>): Pick<ClaimInput, 'filer' | 'evidence'> {
  return { filer: { guardian: v.filedByGuardian === true }, evidence: v.evidence ?? {} };
}

/** An assessment as stored. */
export function toRecord(
  claim: { id: string; factsVersion: number },
  caseVersion: number,
  trigger: string,
  verification: Verification,
  { evaluation, estimate }: Assessment,
): AssessmentRecord {
  return {
    claimId: claim.id,
    factsVersion: claim.factsVersion,
    caseVersion,
    trigger,
    rulesVersion: evaluation.rulesVersion,
    modelVersion: estimate.modelVersion,
    verification,
    verdict: evaluation.verdict,
    reasons: evaluation.results,
    deficiencies: evaluation.deficiencies,
    cureBy: evaluation.cureBy,
    estimateWon: estimate.amountWon,
    estimateBreakdown: estimate.breakdown,
    estimateInputs: estimate.inputs,
  };
}
