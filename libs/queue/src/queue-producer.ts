import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { QUEUE_NAMES, QueueName } from './queue-names';
import { QUEUE_OPTIONS } from './queue-options';
import type { JobName, JobPayload } from './job-contracts';

/** Any job of any queue, with its payload type tied to its queue and name. */
export type OutgoingJob = {
  [Q in QueueName]: { [N in JobName<Q>]: { queue: Q; name: N; data: JobPayload<Q, N>; jobId: string } }[JobName<Q>];
}[QueueName];

/** Adds jobs to any queue with that queue's options from the one table. */
export class QueueProducer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(connection: Redis, prefix: string) {
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, { connection, prefix });
        // Connection errors surface as failed adds (the outbox relay retries them); without a
        // listener each reconnect attempt would be an unhandled 'error' event.
        queue.on('error', () => undefined);
        return [name, queue];
      }),
    );
  }

  async addBulk(jobs: OutgoingJob[]): Promise<void> {
    const byQueue = new Map<QueueName, OutgoingJob[]>();
    for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
    await Promise.all(
      [...byQueue].map(([name, list]) => {
        const o = QUEUE_OPTIONS[name];
        return this.queue(name).addBulk(
          list.map((job) => ({
            name: job.name,
            data: job.data,
            opts: {
              jobId: job.jobId,
              attempts: o.attempts,
              backoff: { type: 'exponential', delay: o.backoffMs },
              removeOnComplete: { age: o.keepCompletedSeconds },
              removeOnFail: { age: o.keepFailedSeconds },
            },
          })),
        );
      }),
    );
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
