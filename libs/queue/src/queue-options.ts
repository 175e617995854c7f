import type { QueueName } from './queue-names';

export interface QueueOptions {
  /** Jobs one worker process runs at once. */
  concurrency: number;
  attempts: number;
  backoffMs: number;
  /** How long a job may run before BullMQ treats its lock as lost. */
  lockDurationMs: number;
  /** How many stalls before a job is failed instead of retried. */
  maxStalledCount: number;
  /** Finished jobs are retired by age so Redis never fills up. */
  keepCompletedSeconds: number;
  keepFailedSeconds: number;
}

/**
 * One table for every queue's tuning; `satisfies Record<QueueName, …>` makes the compiler
 * refuse a queue without options.
 */
export const QUEUE_OPTIONS = {
  claims: {
    // High because the assess processor batches jobs into one database round trip.
    concurrency: 256,
    attempts: 8,
    backoffMs: 2_000,
    lockDurationMs: 60_000,
    maxStalledCount: 2,
    keepCompletedSeconds: 24 * 3600,
    keepFailedSeconds: 14 * 24 * 3600,
  },
  notifications: {
    concurrency: 16,
    attempts: 10,
    backoffMs: 10_000,
    lockDurationMs: 60_000,
    maxStalledCount: 1,
    keepCompletedSeconds: 7 * 24 * 3600,
    keepFailedSeconds: 30 * 24 * 3600,
  },
} as const satisfies Record<QueueName, QueueOptions>;
