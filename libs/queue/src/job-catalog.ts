import type { JobContracts } from './job-contracts';
import type { QueueName } from './queue-names';

/** Every (queue, job name) pair, as a value; the type makes the compiler keep it complete. */
export const JOB_CATALOG: { [Q in QueueName]: (keyof JobContracts[Q])[] } = {
  claims: ['assess-claim'],
  notifications: ['send-email'],
};
