import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ProbeResult, ReadinessCheck, ReadinessProbe } from '@app/health';
import type { QueueDefinition } from './queue-definition';
import { QueueProducer } from './queue-producer';

/** The queues a process answers for: all of them in the API, its own in a worker. */
export const WATCHED_QUEUES = Symbol('WATCHED_QUEUES');

/**
 * A queue is stuck when its oldest waiting job has waited longer than the queue's limit and
 * no job of the queue finished in that time. Idle queues and busy queues that move are fine,
 * whether or not a worker is connected right now. Read through BullMQ's public API only.
 */
@ReadinessProbe()
@Injectable()
export class QueueProgressProbe implements ReadinessCheck {
  readonly name = 'queues';

  constructor(
    private readonly producer: QueueProducer,
    private readonly config: AppConfig,
    @Inject(WATCHED_QUEUES) private readonly watched: () => QueueDefinition[],
  ) {}

  async check(): Promise<ProbeResult> {
    const now = Date.now();
    const entries = await Promise.all(
      this.watched().map(async (definition) => {
        const queue = this.producer.queue(definition.name);
        const limitMs = (definition.options.stuckAfterSeconds ?? this.config.READINESS_STUCK_AFTER_SECONDS) * 1000;
        const [counts, [oldest], [lastCompleted], [lastFailed], workers] = await Promise.all([
          queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
          queue.getJobs(['wait', 'prioritized'], 0, 0, true),
          queue.getJobs(['completed'], 0, 0, false),
          queue.getJobs(['failed'], 0, 0, false),
          queue.getWorkersCount(),
        ]);
        // A delayed job (a retry, a scheduled send) starts waiting when its delay ends.
        const waitingSince = oldest ? oldest.timestamp + (oldest.delay ?? 0) : null;
        const lastProgressAt = Math.max(lastCompleted?.finishedOn ?? 0, lastFailed?.finishedOn ?? 0) || null;
        const oldestWaitMs = waitingSince === null ? 0 : Math.max(0, now - waitingSince);
        const stuck = oldestWaitMs > limitMs && (lastProgressAt === null || now - lastProgressAt > limitMs);
        return [
          definition.name,
          {
            status: stuck ? 'down' : 'up',
            waiting: counts.waiting + counts.prioritized,
            active: counts.active,
            delayed: counts.delayed,
            failed: counts.failed,
            workers,
            oldestWaitMs,
            lastProgressAt: lastProgressAt ? new Date(lastProgressAt).toISOString() : null,
          },
        ] as const;
      }),
    );
    return { status: entries.every(([, q]) => q.status === 'up') ? 'up' : 'down', ...Object.fromEntries(entries) };
  }
}
