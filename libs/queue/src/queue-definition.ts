/** Per-queue tuning, declared with the queue by the module that owns it. */
export interface QueueOptions {
  /** Jobs one worker process runs at once. */
  concurrency: number;
  attempts: number;
  backoffMs: number;
  /** How long a job may run before BullMQ treats its lock as lost. */
  lockDurationMs: number;
  /** How many stalls before a job is failed instead of retried. */
  maxStalledCount: number;
  /**
   * How often a worker looks for jobs whose lock ran out (a killed worker's), BullMQ's 30 s by
   * default. Long jobs set a short lock and check (the lock is renewed while the job runs), so a
   * killed worker's job is picked up again in seconds.
   */
  stalledCheckMs?: number;
  /** Finished jobs are retired by age and count so Redis never fills up; Postgres keeps the history. */
  keepCompleted: { ageSeconds: number; count: number };
  keepFailed: { ageSeconds: number; count: number };
  /** Readiness fails when waiting jobs see no progress for this long (default READINESS_STUCK_AFTER_SECONDS). */
  stuckAfterSeconds?: number;
}

/**
 * A job's name, payload type and id rule. Payloads carry ids only: BullMQ keeps them in
 * Redis in clear text, so a processor reloads everything else from Postgres. The id is
 * derived from the payload (the relay adds the outbox row's id to it).
 */
export interface JobDefinition<P extends object = object> {
  readonly queue: QueueDefinition;
  readonly name: string;
  jobId(payload: P): string;
}

export interface QueueDefinition {
  readonly name: string;
  readonly options: QueueOptions;
  readonly jobs: readonly JobDefinition[];
  /** Declares a job of this queue; BullMQ forbids ':' in custom ids. */
  job<P extends object>(name: string, jobId: (payload: P) => string): JobDefinition<P>;
}

export type PayloadOf<J> = J extends JobDefinition<infer P> ? P : never;

/**
 * A queue of long work a staff member started (a chain recomputation, a batch job): one job at a
 * time, each resumable from what it recorded, retried for a while, kept a week done, a month failed.
 */
export const ONE_AT_A_TIME: QueueOptions = {
  concurrency: 1,
  attempts: 20,
  backoffMs: 2_000,
  lockDurationMs: 60_000,
  maxStalledCount: 20,
  keepCompleted: { ageSeconds: 7 * 24 * 3600, count: 1_000 },
  keepFailed: { ageSeconds: 30 * 24 * 3600, count: 1_000 },
};

export function defineQueue(name: string, options: QueueOptions): QueueDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`queue name "${name}" must be lower-case letters, digits and -`);
  const jobs: JobDefinition[] = [];
  const queue: QueueDefinition = {
    name,
    options,
    jobs,
    job<P extends object>(jobName: string, jobId: (payload: P) => string): JobDefinition<P> {
      const job: JobDefinition<P> = {
        queue,
        name: jobName,
        jobId: (payload) => {
          const id = jobId(payload);
          if (id.includes(':')) throw new Error(`job id "${id}" contains ':'`);
          return id;
        },
      };
      jobs.push(job as unknown as JobDefinition);
      return job;
    },
  };
  return queue;
}
