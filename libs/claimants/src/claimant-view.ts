import { type Bilingual, type RuleResult, strictest, type Verdict } from '@app/eligibility';
import { type ClaimStatus, statusAfterScreening } from './claim-status';

/** A stored rule result with its reason text, from the rule set it was evaluated under. */
export type RuleReason = Pick<RuleResult, 'rule' | 'outcome' | 'staffOnly'> & Bilingual;

export interface ClaimantView {
  status: ClaimStatus;
  verdict: Verdict | null;
  reasons: Pick<RuleReason, 'rule' | 'outcome' | 'ko' | 'en'>[];
}

/**
 * What a claimant's own screens may say about their claim. Staff-only reasons (another claim
 * with this mobile number, many claims from one network) are left out, and so is every trace
 * they leave: the verdict is recomputed from the reasons the claimant may see, and a claim
 * that went to review only because of a staff-only signal shows as checked, not as "being
 * reviewed". Otherwise anyone could file with a victim's number and learn from their own
 * status page whether the victim had filed.
 */
export function claimantView(status: ClaimStatus, assessment: { verdict: Verdict; reasons: RuleReason[] } | null): ClaimantView {
  if (!assessment) return { status, verdict: null, reasons: [] };
  const visible = assessment.reasons.filter((r) => !r.staffOnly);
  const verdict = visibleVerdict(assessment);
  return {
    // Only the status the automatic screening set is re-derived; a person's decision stands as made.
    status: visibleStatus(status, assessment),
    verdict,
    reasons: visible.map(({ rule, outcome, ko, en }) => ({ rule, outcome, ko, en })),
  };
}

/** The verdict a claimant may see: the strictest outcome of the results that are not staff-only. */
export function visibleVerdict(assessment: { reasons: Pick<RuleResult, 'outcome' | 'staffOnly'>[] }): Verdict {
  return strictest(assessment.reasons.filter((r) => !r.staffOnly).map((r) => r.outcome));
}

/** The status a claimant may see (see claimantView), from the stored results alone. */
export function visibleStatus(status: ClaimStatus, assessment: { verdict: Verdict; reasons: Pick<RuleResult, 'outcome' | 'staffOnly'>[] } | null): ClaimStatus {
  if (!assessment) return status;
  const screenedStatus = status === statusAfterScreening(assessment.verdict) && status !== 'submitted';
  return screenedStatus ? statusAfterScreening(visibleVerdict(assessment)) : status;
}

/** A milestone on the claimant's timeline. */
export type Milestone = 'received' | 'checked' | 'information_requested' | 'information_received' | 'approved' | 'rejected' | 'filed' | 'withdrawn';

/**
 * The claim's history as the claimant may see it: milestones, not raw status moves. Moves
 * between the automatic statuses (screened, manual_review) all read "checked", so the timeline
 * never shows that a staff-only signal sent the claim to review (see claimantView); repeats of
 * the same milestone in a row collapse into the first.
 */
export function claimantTimeline(events: { from: ClaimStatus | null; to: ClaimStatus; at: Date }[]): { milestone: Milestone; at: Date }[] {
  const out: { milestone: Milestone; at: Date }[] = [];
  for (const e of events) {
    const milestone: Milestone | null =
      e.from === null ? 'received'
        : e.to === 'screened' || e.to === 'manual_review' ? 'checked'
          : e.to === 'needs_information' ? 'information_requested'
            : e.to === 'submitted' ? 'information_received'
              : e.to === 'approved' || e.to === 'rejected' || e.to === 'filed' || e.to === 'withdrawn' ? e.to
                : null;
    if (milestone && out.at(-1)?.milestone !== milestone) out.push({ milestone, at: e.at });
  }
  return out;
}

/**
 * Whether the claim waits for the claimant to send or answer something, as their screens say:
 * a claim held for review by a staff-only signal but also missing something waits for it as a
 * clean claim would, so curing it is allowed and looks the same.
 */
export function awaitsInformation(status: ClaimStatus, assessment: { verdict: Verdict; reasons: Pick<RuleResult, 'outcome' | 'staffOnly'>[]; deficiencies: unknown[] } | null): boolean {
  return assessment !== null && assessment.deficiencies.length > 0 && visibleStatus(status, assessment) === 'needs_information';
}
