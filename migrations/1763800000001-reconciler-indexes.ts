import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial indexes for the reconciler, which looks for work left behind (a claim still
 * `submitted`, an email still `pending`). They hold only the rows in flight, so they stay
 * small however many millions of claims a case has.
 */
export class ReconcilerIndexes1763800000001 implements MigrationInterface {
  name = 'ReconcilerIndexes1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claims_submitted_idx ON claims (created_at) WHERE status = 'submitted'`);
    await q.query(`CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_aggregate_idx`);
    await q.query(`DROP INDEX notifications_pending_idx`);
    await q.query(`DROP INDEX claims_submitted_idx`);
  }
}
