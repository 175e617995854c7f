import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DelayedError, Job, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '@app/config';
import { HandlesJob, JobHandler, RetryLater } from './job-handler.decorator';
import type { QueueDefinition } from './queue-definition';
import { QueueRegistry } from './queue-registry';
import { closeRedis, createRedis } from './redis-connection';

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
}

/**
 * Runs the BullMQ workers for the queues this process was given (WORKER_QUEUES). At boot it
 * refuses an unknown queue name, a job of its queues without a handler, and a job with two.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private connection: Redis | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  /** The queues named in WORKER_QUEUES; throws naming any that no module registered. */
  selectedQueues(): QueueDefinition[] {
    const requested = [...new Set(this.config.WORKER_QUEUES)];
    const known = [...this.registry.queues.keys()];
    const unknown = requested.filter((name) => !this.registry.queues.has(name));
    if (unknown.length) throw new WorkerConfigError(`WORKER_QUEUES: unknown queue(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
    if (requested.length === 0) throw new WorkerConfigError('WORKER_QUEUES: no queue selected');
    return requested.map((name) => this.registry.queue(name));
  }

  /** Handlers by "queue/job" for the given queues; throws if one is missing or doubled. */
  collectHandlers(queues: QueueDefinition[]): Map<string, HandlesJob> {
    const handlers = new Map<string, HandlesJob>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: JobHandler.KEY })) {
      const job = this.discovery.getMetadataByDecorator(JobHandler, wrapper);
      if (!job || !wrapper.instance) continue;
      const key = `${job.queue.name}/${job.name}`;
      if (handlers.has(key)) throw new WorkerConfigError(`two handlers for job ${key}`);
      handlers.set(key, wrapper.instance as HandlesJob);
    }
    for (const queue of queues) {
      for (const job of queue.jobs) {
        if (!handlers.has(`${queue.name}/${job.name}`)) throw new WorkerConfigError(`no handler for job ${queue.name}/${job.name}`);
      }
    }
    return handlers;
  }

  onApplicationBootstrap(): void {
    const queues = this.selectedQueues();
    const handlers = this.collectHandlers(queues);
    this.connection = createRedis(this.config.REDIS_URL, 'worker');
    for (const queue of queues) {
      const o = queue.options;
      const worker = new Worker(
        queue.name,
        async (job: Job, token?: string) => {
          const handler = handlers.get(`${queue.name}/${job.name}`);
          if (!handler) throw new Error(`no handler for ${queue.name}/${job.name}`);
          try {
            await handler.handle(job.data, job);
          } catch (error) {
            if (!(error instanceof RetryLater)) throw error;
            // Not a failure: back to the delayed set until the handler said, no attempt spent.
            await job.moveToDelayed(error.at.getTime(), token);
            throw new DelayedError(error.message);
          }
        },
        {
          connection: this.connection,
          prefix: this.config.QUEUE_PREFIX,
          concurrency: o.concurrency,
          lockDuration: o.lockDurationMs,
          maxStalledCount: o.maxStalledCount,
          ...(o.stalledCheckMs ? { stalledInterval: o.stalledCheckMs } : {}),
          autorun: true,
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue: queue.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'),
      );
      worker.on('error', (error) => this.logger.warn({ queue: queue.name, err: error.message }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log({ queues: queues.map((q) => q.name) }, 'worker started');
  }

  /** Stops taking jobs and lets the running ones finish; the Redis connection closes after. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    if (this.connection) await closeRedis(this.connection);
    this.logger.log('worker stopped');
  }
}
