import { CLAIM_STATUSES, type ClaimStatus } from '../claim-status';

/** One row of claim_counts summed over its slots: how many claims, and how much money, per status, verdict and flagged. */
export interface CountBucket {
  status: ClaimStatus;
  /** '' when not yet assessed. */
  verdict: string;
  flagged: boolean;
  claims: number;
  estimateWon: number;
}

export const VERDICTS = ['eligible', 'needs_information', 'manual_review', 'ineligible', ''] as const;
export type VerdictKey = (typeof VERDICTS)[number];

export const FUNNEL_STAGES = ['started', 'submitted', 'screenedEligible', 'approved', 'filed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Claims still in play or won: what counsel may claim in damages (rejected and withdrawn ones are out). */
const COUNTED_FOR_DAMAGES: readonly ClaimStatus[] = ['submitted', 'screened', 'needs_information', 'manual_review', 'approved', 'filed'];

export interface CaseSummary {
  total: number;
  byStatus: Record<ClaimStatus, number>;
  byVerdict: Record<VerdictKey, number>;
  flagged: number;
  estimateWon: number;
  funnel: { stage: FunnelStage; count: number }[];
}

/**
 * The dashboard's numbers from the counters. The funnel counts, at each stage, the claims that
 * got at least that far and are still there or further on:
 * - started: claims filed (every claim was started, on the pages or through the API) plus drafts
 *   still being filled in. A draft left past its expiry is deleted (PIPA), so drafts abandoned
 *   long ago are not counted: "started" is a lower bound.
 * - submitted: every claim.
 * - screenedEligible: claims the automatic screening found eligible (whatever happened next),
 *   and those a person moved on to approved or filed.
 * - approved: approved now, or filed.
 * - filed: in a filed batch.
 */
export function summarize(buckets: CountBucket[], draftsInProgress: number): CaseSummary {
  const byStatus = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<VerdictKey, number>;
  let total = 0;
  let flagged = 0;
  let estimateWon = 0;
  let screenedEligible = 0;
  for (const b of buckets) {
    if (b.claims === 0) continue;
    total += b.claims;
    byStatus[b.status] += b.claims;
    const verdict = (VERDICTS as readonly string[]).includes(b.verdict) ? (b.verdict as VerdictKey) : '';
    byVerdict[verdict] += b.claims;
    if (b.flagged) flagged += b.claims;
    if (COUNTED_FOR_DAMAGES.includes(b.status)) estimateWon += b.estimateWon;
    if (b.verdict === 'eligible' || b.status === 'screened' || b.status === 'approved' || b.status === 'filed') screenedEligible += b.claims;
  }
  const approved = byStatus.approved + byStatus.filed;
  return {
    total,
    byStatus,
    byVerdict,
    flagged,
    estimateWon,
    funnel: [
      { stage: 'started', count: total + draftsInProgress },
      { stage: 'submitted', count: total },
      { stage: 'screenedEligible', count: screenedEligible },
      { stage: 'approved', count: approved },
      { stage: 'filed', count: byStatus.filed },
    ],
  };
}

/** Each funnel stage as a share of the one before (null for the first, or after an empty stage). */
export function funnelRates(funnel: { count: number }[]): (number | null)[] {
  return funnel.map((s, i) => (i === 0 || funnel[i - 1].count === 0 ? null : s.count / funnel[i - 1].count));
}
