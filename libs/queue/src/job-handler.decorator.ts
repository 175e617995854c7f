import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { QueueName } from './queue-names';

/**
 * Marks a provider as the handler of one job (queue + name). The worker host finds them
 * all at boot and refuses to start if a job in JobContracts has no handler or two.
 */
export const JobHandler = DiscoveryService.createDecorator<{ queue: QueueName; name: string }>();

export interface HandlesJob<T = unknown> {
  handle(data: T, job: Job): Promise<void>;
}
