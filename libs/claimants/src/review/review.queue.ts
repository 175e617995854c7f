import { defineQueue, route } from '@app/queue';

/**
 * Bulk decisions: one job per confirmed selection, walking its items in chunks, each chunk
 * committed with its outcomes, so a killed worker's job resumes where it stopped.
 */
export const REVIEW_QUEUE = defineQueue('review', {
  concurrency: 2,
  attempts: 20,
  backoffMs: 2_000,
  lockDurationMs: 30_000,
  maxStalledCount: 20,
  keepCompleted: { ageSeconds: 7 * 24 * 3600, count: 1_000 },
  keepFailed: { ageSeconds: 30 * 24 * 3600, count: 1_000 },
});

export const BULK_DECIDE = REVIEW_QUEUE.job<{ jobId: string; firmId: string }>('bulk-decide', (p) => `bulk-decide-${p.jobId}`);

/** Written with the bulk job's row when it is confirmed. */
export const BULK_DECISION_CONFIRMED = 'review.bulk-confirmed';

export const REVIEW_ROUTES = [route(BULK_DECISION_CONFIRMED, BULK_DECIDE, (e) => ({ jobId: e.aggregateId, firmId: e.firmId }))];
