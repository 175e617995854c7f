import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { JobDefinition } from './queue-definition';
import type { QueueRegistry } from './queue-registry';

/** One job to add: its definition, its payload (ids only), and what makes this publication's id its own. */
export interface OutgoingJob<P extends object = object> {
  job: JobDefinition<P>;
  payload: P;
  /** Appended to the job's id (see OutboxRelay: the outbox row's id). */
  idSuffix?: string;
}

/** Adds jobs to any registered queue with that queue's own options. */
export class QueueProducer {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly registry: QueueRegistry,
  ) {}

  async addBulk(jobs: OutgoingJob[]): Promise<void> {
    const byQueue = new Map<string, OutgoingJob[]>();
    for (const job of jobs) byQueue.set(job.job.queue.name, [...(byQueue.get(job.job.queue.name) ?? []), job]);
    await Promise.all(
      [...byQueue].map(([name, list]) => {
        const o = this.registry.queue(name).options;
        return this.queue(name).addBulk(
          list.map(({ job, payload, idSuffix }) => ({
            name: job.name,
            data: payload,
            opts: {
              jobId: idSuffix ? `${job.jobId(payload)}-${idSuffix}` : job.jobId(payload),
              attempts: o.attempts,
              backoff: { type: 'exponential', delay: o.backoffMs },
              removeOnComplete: { age: o.keepCompleted.ageSeconds, count: o.keepCompleted.count },
              removeOnFail: { age: o.keepFailed.ageSeconds, count: o.keepFailed.count },
            },
          })),
        );
      }),
    );
  }

  /** The BullMQ queue of a registered queue name (for counts, tests and tools). */
  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.registry.queue(name); // refuses names no module registered
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      // Connection errors surface as failed adds (the outbox relay retries them); without a
      // listener each reconnect attempt would be an unhandled 'error' event.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
