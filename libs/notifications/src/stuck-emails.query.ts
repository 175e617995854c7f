import type { StuckWorkQuery } from '@app/queue';

/** Emails still pending long after they were requested, not requeued recently. */
export const STUCK_EMAILS: StuckWorkQuery = {
  name: 'emails awaiting sending',
  sql: `
    WITH requeued AS (
      INSERT INTO outbox (topic, aggregate_id)
      SELECT 'notification.created', n.id FROM notifications n
       WHERE n.status = 'pending' AND n.created_at < now() - make_interval(secs => $1)
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate_id = n.id AND o.created_at > now() - make_interval(secs => $1))
       ORDER BY n.created_at
       LIMIT 5000
      RETURNING 1
    )
    SELECT count(*)::int AS requeued FROM requeued`,
};
