import { staleWork } from '@app/queue';

/** Emails still pending long after they were requested. */
export const STUCK_EMAILS = staleWork({
  name: 'emails awaiting sending',
  topic: 'notification.created',
  table: 'notifications',
  unfinished: `t.status = 'pending'`,
});
