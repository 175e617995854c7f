import { CASE_ACTIVATED } from '@app/cases';
import { defineQueue, route } from '@app/queue';

/**
 * New claims' first assessment. Concurrency is high because the handler gathers the jobs in
 * flight into one database round trip per batch.
 */
export const CLAIMS_QUEUE = defineQueue('claims', {
  concurrency: 256,
  attempts: 8,
  backoffMs: 2_000,
  lockDurationMs: 60_000,
  maxStalledCount: 2,
  keepCompleted: { ageSeconds: 3600, count: 50_000 },
  keepFailed: { ageSeconds: 14 * 24 * 3600, count: 50_000 },
});

export const ASSESS_CLAIM = CLAIMS_QUEUE.job<{ claimId: string; firmId: string }>('assess-claim', (p) => `assess-${p.claimId}`);

/** Written by the intake statement itself (see claim-intake.statement.ts). */
export const CLAIM_SUBMITTED = 'claim.submitted';
/** A new fact about a claim (a cure, evidence, a staff request): assess it again. */
export const CLAIM_FACTS_CHANGED = 'claim.facts-changed';

/**
 * Re-scoring a case after an activation: one long job per activation that walks the case's
 * claims in chunks, each committed with its cursor. A killed worker's job stalls, comes back
 * after its lock runs out, and carries on from the cursor.
 */
export const RESCORE_QUEUE = defineQueue('rescore', {
  concurrency: 1,
  attempts: 20,
  backoffMs: 5_000,
  lockDurationMs: 10_000,
  stalledCheckMs: 5_000,
  maxStalledCount: 20,
  keepCompleted: { ageSeconds: 7 * 24 * 3600, count: 1_000 },
  keepFailed: { ageSeconds: 30 * 24 * 3600, count: 1_000 },
  // A run of a million claims takes minutes, while its queue shows no waiting progress.
  stuckAfterSeconds: 3_600,
});

export const RESCORE_CASE = RESCORE_QUEUE.job<{ activationId: string; firmId: string }>('rescore-case', (p) => `rescore-${p.activationId}`);

/** An unsubmitted draft past its expiry: it is deleted with its uploads (found by the reconciler). */
export const DRAFT_EXPIRED = 'draft.expired';
export const DELETE_DRAFT = CLAIMS_QUEUE.job<{ draftId: string; firmId: string }>('delete-draft', (p) => `delete-draft-${p.draftId}`);

/** A claimant taken in before party records (migration 0013): their record is sealed (found by the reconciler). */
export const PARTY_UNSEALED = 'claimant.party-unsealed';
export const SEAL_PARTY = CLAIMS_QUEUE.job<{ claimantId: string; firmId: string }>('seal-party', (p) => `seal-party-${p.claimantId}`);

export const CLAIM_ROUTES = [
  route(CLAIM_SUBMITTED, ASSESS_CLAIM, (e) => ({ claimId: e.aggregateId, firmId: e.firmId })),
  route(CLAIM_FACTS_CHANGED, ASSESS_CLAIM, (e) => ({ claimId: e.aggregateId, firmId: e.firmId })),
  route(CASE_ACTIVATED, RESCORE_CASE, (e) => ({ activationId: e.aggregateId, firmId: e.firmId })),
  route(DRAFT_EXPIRED, DELETE_DRAFT, (e) => ({ draftId: e.aggregateId, firmId: e.firmId })),
  route(PARTY_UNSEALED, SEAL_PARTY, (e) => ({ claimantId: e.aggregateId, firmId: e.firmId })),
];
