import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { hostname } from 'node:os';
import { AppConfig } from '@app/config';
import { JOB_CATALOG } from './job-catalog';
import { HandlesJob, JobHandler } from './job-handler.decorator';
import { isQueueName, QueueName } from './queue-names';
import { QUEUE_OPTIONS } from './queue-options';
import { createRedis } from './redis-connection';

const HEARTBEAT_MS = 5_000;

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
}

/**
 * Runs the BullMQ workers for the queues this process was given (WORKER_QUEUES).
 * At boot it checks that every job in the catalog has exactly one handler and that
 * every requested queue exists, and refuses to start otherwise. It publishes a heartbeat
 * with its last progress to Redis so /health/ready can tell a stuck worker from an idle one.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private connection: Redis | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly lastProgressAt = new Map<QueueName, number>();
  private readonly id = `${hostname()}-${process.pid}`;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  static selectQueues(requested: string[]): QueueName[] {
    const unknown = requested.filter((name) => !isQueueName(name));
    if (unknown.length) {
      throw new WorkerConfigError(`WORKER_QUEUES: unknown queue(s) ${unknown.join(', ')}; known: ${Object.keys(JOB_CATALOG).join(', ')}`);
    }
    if (requested.length === 0) throw new WorkerConfigError('WORKER_QUEUES: no queue selected');
    return [...new Set(requested)] as QueueName[];
  }

  /** Handlers by "queue/name"; throws if one is missing or doubled. */
  collectHandlers(): Map<string, HandlesJob> {
    const handlers = new Map<string, HandlesJob>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: JobHandler.KEY })) {
      const meta = this.discovery.getMetadataByDecorator(JobHandler, wrapper);
      if (!meta || !wrapper.instance) continue;
      const key = `${meta.queue}/${meta.name}`;
      if (handlers.has(key)) throw new WorkerConfigError(`two handlers for job ${key}`);
      handlers.set(key, wrapper.instance as HandlesJob);
    }
    for (const [queue, names] of Object.entries(JOB_CATALOG)) {
      for (const name of names as string[]) {
        if (!handlers.has(`${queue}/${name}`)) throw new WorkerConfigError(`no handler for job ${queue}/${name}`);
      }
    }
    return handlers;
  }

  onApplicationBootstrap(): void {
    const queues = WorkerHost.selectQueues(this.config.WORKER_QUEUES);
    const handlers = this.collectHandlers();
    this.connection = createRedis(this.config.REDIS_URL, 'worker');
    for (const queue of queues) {
      const o = QUEUE_OPTIONS[queue];
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(`${queue}/${job.name}`);
          if (!handler) throw new Error(`no handler for ${queue}/${job.name}`);
          await handler.handle(job.data, job);
        },
        {
          connection: this.connection,
          prefix: this.config.QUEUE_PREFIX,
          concurrency: o.concurrency,
          lockDuration: o.lockDurationMs,
          maxStalledCount: o.maxStalledCount,
          autorun: true,
        },
      );
      worker.on('completed', () => this.lastProgressAt.set(queue, Date.now()));
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'),
      );
      worker.on('error', (error) => this.logger.warn({ queue, err: error.message }, 'worker error'));
      this.workers.push(worker);
    }
    this.heartbeat = setInterval(() => void this.beat(queues), HEARTBEAT_MS);
    void this.beat(queues);
    this.logger.log({ queues }, 'worker started');
  }

  private async beat(queues: QueueName[]): Promise<void> {
    try {
      const pipeline = this.connection!.pipeline();
      for (const queue of queues) {
        pipeline.set(
          `${this.config.QUEUE_PREFIX}:heartbeat:${queue}:${this.id}`,
          JSON.stringify({ at: Date.now(), lastProgressAt: this.lastProgressAt.get(queue) ?? null }),
          'PX',
          HEARTBEAT_MS * 3,
        );
      }
      await pipeline.exec();
    } catch {
      // Redis away: the missing heartbeat is itself the signal.
    }
  }

  /** Stops taking jobs, lets the running ones finish, then lets go of Redis. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await Promise.all(this.workers.map((w) => w.close()));
    this.connection?.disconnect();
    this.logger.log('worker stopped');
  }
}
