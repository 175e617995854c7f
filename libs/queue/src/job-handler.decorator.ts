import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { JobDefinition } from './queue-definition';

/**
 * Marks a provider as the handler of one job. The worker refuses to start if a job of a
 * queue it runs has no handler, or two.
 */
export const JobHandler = DiscoveryService.createDecorator<JobDefinition>();

export interface HandlesJob<P extends object = object> {
  handle(payload: P, job: Job): Promise<void>;
}

/**
 * Thrown by a handler that cannot do the work yet (another runner holds it, or it is not due):
 * the job goes back to the delayed set until `at`, without counting as a failed attempt.
 */
export class RetryLater extends Error {
  override name = 'RetryLater';
  constructor(readonly at: Date, reason: string) {
    super(reason);
  }
}
