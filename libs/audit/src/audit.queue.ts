import { defineQueue, ONE_AT_A_TIME, route } from '@app/queue';

/**
 * The access log's own work: recomputing a firm's chain from its first row when an auditor asks.
 * One at a time (it reads every row of a firm's log), resumable from the place it recorded.
 */
export const AUDIT_QUEUE = defineQueue('audit', ONE_AT_A_TIME);

export const VERIFY_CHAIN = AUDIT_QUEUE.job<{ verificationId: string; firmId: string }>('verify-chain', (p) => `verify-chain-${p.verificationId}`);

/** Written with the verification's row when an auditor asks for a full recomputation. */
export const CHAIN_VERIFICATION_REQUESTED = 'audit.chain-verification-requested';

export const AUDIT_ROUTES = [route(CHAIN_VERIFICATION_REQUESTED, VERIFY_CHAIN, (e) => ({ verificationId: e.aggregateId, firmId: e.firmId }))];
