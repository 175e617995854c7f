import { defineQueue, ONE_AT_A_TIME, route } from '@app/queue';

/**
 * Batch work too large for a request (batch_jobs): adding many claims, locking a large batch.
 * One job at a time: each holds its batch's lock step by step and reads or moves many claims.
 */
export const FILING_QUEUE = defineQueue('filing', ONE_AT_A_TIME);

export const BATCH_WORK = FILING_QUEUE.job<{ jobId: string; firmId: string }>('batch-work', (p) => `batch-work-${p.jobId}`);

/** Written with the batch job's row when a request hands its work to the worker. */
export const BATCH_WORK_REQUESTED = 'filing.batch-work-requested';

export const FILING_ROUTES = [route(BATCH_WORK_REQUESTED, BATCH_WORK, (e) => ({ jobId: e.aggregateId, firmId: e.firmId }))];
