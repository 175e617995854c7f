/**
 * The claim's status machine. Every change goes through `assertTransition` and is written
 * to claim_events, so the history a court may ask for is complete.
 *
 *   submitted ─► screened ─► approved ─► filed
 *      │  │          │  ▲        ▲
 *      │  └► manual_review ──────┘
 *      └► needs_information ─► submitted (cured; also from manual_review when the claim was missing something too)
 *   screened, needs_information, manual_review: moved among themselves by a re-assessment
 *   any open status ─► rejected | withdrawn
 *
 * approved, rejected and filed are a person's decision: a re-assessment never moves them, it
 * flags them for review (see statusAfterAssessment).
 */
export const CLAIM_STATUSES = [
  'submitted', 'screened', 'needs_information', 'manual_review', 'approved', 'rejected', 'filed', 'withdrawn',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

const TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  submitted: ['screened', 'needs_information', 'manual_review', 'rejected', 'withdrawn'],
  screened: ['approved', 'rejected', 'needs_information', 'manual_review', 'withdrawn'],
  needs_information: ['submitted', 'screened', 'manual_review', 'rejected', 'withdrawn'],
  // submitted: a cure of what the review's claim was also missing (see claimantView).
  manual_review: ['approved', 'rejected', 'needs_information', 'screened', 'submitted', 'withdrawn'],
  approved: ['filed', 'rejected', 'withdrawn'],
  filed: ['withdrawn'],
  rejected: [],
  withdrawn: [],
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class InvalidTransitionError extends Error {
  constructor(readonly from: ClaimStatus, readonly to: ClaimStatus) {
    super(`claim cannot go from ${from} to ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

export function assertTransition(from: ClaimStatus, to: ClaimStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

/** Where the automatic first pass leaves a claim, given its verdict. */
export function statusAfterScreening(verdict: 'eligible' | 'ineligible' | 'needs_information' | 'manual_review'): ClaimStatus {
  // An automatic "ineligible" is never final: a person decides, so it goes to review.
  switch (verdict) {
    case 'eligible':
      return 'screened';
    case 'needs_information':
      return 'needs_information';
    case 'ineligible':
    case 'manual_review':
      return 'manual_review';
  }
}

/** Statuses a person decided; nothing automatic changes them. */
export const DECIDED_STATUSES: readonly ClaimStatus[] = ['approved', 'rejected', 'filed'];

/**
 * Where an assessment leaves a claim now in `current`: the status its verdict calls for, or
 * `current` itself when nothing should move (already there, decided by a person, withdrawn).
 */
export function statusAfterAssessment(current: ClaimStatus, verdict: Parameters<typeof statusAfterScreening>[0]): ClaimStatus {
  if (current === 'withdrawn' || DECIDED_STATUSES.includes(current)) return current;
  return statusAfterScreening(verdict);
}
