import type { StuckWorkQuery } from '@app/queue';

/** Claims still waiting for their first assessment long after submission, not requeued recently. */
export const STUCK_CLAIMS: StuckWorkQuery = {
  name: 'claims awaiting assessment',
  sql: `
    WITH requeued AS (
      INSERT INTO outbox (topic, aggregate_id)
      SELECT 'claim.submitted', cl.id FROM claims cl
       WHERE cl.status = 'submitted' AND cl.created_at < now() - make_interval(secs => $1)
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate_id = cl.id AND o.created_at > now() - make_interval(secs => $1))
       ORDER BY cl.created_at
       LIMIT 5000
      RETURNING 1
    )
    SELECT count(*)::int AS requeued FROM requeued`,
};
