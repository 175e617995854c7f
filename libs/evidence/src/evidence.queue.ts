import { defineQueue, route } from '@app/queue';

/**
 * Preparing uploads for review (a thumbnail, a PDF's page count): CPU work kept off the API, a
 * few at a time so a burst of uploads does not starve the worker's other queues.
 */
export const EVIDENCE_QUEUE = defineQueue('evidence', {
  concurrency: 2,
  attempts: 5,
  backoffMs: 5_000,
  lockDurationMs: 60_000,
  maxStalledCount: 2,
  keepCompleted: { ageSeconds: 3600, count: 10_000 },
  keepFailed: { ageSeconds: 14 * 24 * 3600, count: 10_000 },
});

export const PREPARE_EVIDENCE = EVIDENCE_QUEUE.job<{ fileId: string; firmId: string }>('prepare-evidence', (p) => `prepare-${p.fileId}`);

/** Written with the file's row. */
export const EVIDENCE_STORED = 'evidence.stored';

export const EVIDENCE_ROUTES = [route(EVIDENCE_STORED, PREPARE_EVIDENCE, (e) => ({ fileId: e.aggregateId, firmId: e.firmId }))];
