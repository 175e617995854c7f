import type { QueueName } from './queue-names';

/**
 * Job payloads carry ids only. BullMQ stores payloads in Redis in clear text, so personal
 * data never goes here: the processor reloads everything it needs from Postgres.
 */
export interface JobContracts {
  claims: { 'assess-claim': { claimId: string } };
  notifications: { 'send-email': { notificationId: string } };
}

export type JobName<Q extends QueueName> = keyof JobContracts[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobContracts[Q][N];

/**
 * Deterministic job ids: the outbox relay may publish the same row twice (crash between
 * add and mark-published), and BullMQ ignores an add whose id already exists.
 * BullMQ forbids ':' in custom ids, hence the dash.
 */
export const jobIds = {
  assessClaim: (claimId: string) => `assess-${claimId}`,
  sendEmail: (notificationId: string) => `email-${notificationId}`,
};
