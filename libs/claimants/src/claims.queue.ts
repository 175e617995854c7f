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

export const CLAIM_ROUTES = [route(CLAIM_SUBMITTED, ASSESS_CLAIM, (e) => ({ claimId: e.aggregateId, firmId: e.firmId }))];
