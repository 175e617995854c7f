import { defineQueue, route } from '@app/queue';

/**
 * The access log's own work: recomputing a firm's chain from its first row when an auditor asks.
 * One at a time (it reads every row of a firm's log), resumable from the place it recorded.
 */
export const AUDIT_QUEUE = defineQueue('audit', {
  concurrency: 1,
  attempts: 20,
  backoffMs: 2_000,
  lockDurationMs: 60_000,
  maxStalledCount: 20,
  keepCompleted: { ageSeconds: 7 * 24 * 3600, count: 1_000 },
  keepFailed: { ageSeconds: 30 * 24 * 3600, count: 1_000 },
});

export const VERIFY_CHAIN = AUDIT_QUEUE.job<{ verificationId: string; firmId: string }>('verify-chain', (p) => `verify-chain-${p.verificationId}`);

/** Written with the verification's row when an auditor asks for a full recomputation. */
export const CHAIN_VERIFICATION_REQUESTED = 'audit.chain-verification-requested';

export const AUDIT_ROUTES = [route(CHAIN_VERIFICATION_REQUESTED, VERIFY_CHAIN, (e) => ({ verificationId: e.aggregateId, firmId: e.firmId }))];
