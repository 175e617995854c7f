import { DataSource } from 'typeorm';
import { ChainVerifier } from '@app/audit';
import { DEMO_CASE_ID, DEMO_FIRM_ID } from '@app/cases';
import { FirmScope, TenantDirectory } from '@app/database';
import { ChangeBatch, CreateBatch } from '@app/filing';
import { NotificationsService } from '@app/notifications';
import { createRedis, QueueProducer, QueueRegistry, OutboxRelay, Reconciler } from '@app/queue';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';

/** Redis loses every queue after the relay published: the reconciler rebuilds them from Postgres. */
describe('reconciler', () => {
  let stack: TestStack;
  const reconciler = () =>
    new Reconciler(stack.api.get(FirmScope), stack.api.get(TenantDirectory), stack.api.get(QueueRegistry), {
      intervalMs: 60_000,
      staleAfterSeconds: 300,
      limit: 5_000,
    });

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('requeues claims whose jobs Redis lost, once, and the worker then finishes them', async () => {
    const { body: created } = await submitClaim(stack.api, validClaim());
    const registry = stack.api.get(QueueRegistry);
    const redis = createRedis(stack.config.REDIS_URL, 'producer');
    const producer = new QueueProducer(redis, stack.config.QUEUE_PREFIX, registry);
    try {
      expect(await new OutboxRelay(stack.api.get(DataSource), producer, registry).publishBatch()).toBe(1);
      // Redis forgets everything (restart without persistence).
      await producer.queue('claims').obliterate({ force: true });
      // Time passes: make the claim and its outbox row older than the staleness window.
      await stack.query(`UPDATE claims SET created_at = now() - interval '10 minutes' WHERE id = $1`, [created.claimId]);
      await stack.query(`UPDATE outbox SET created_at = now() - interval '10 minutes', published_at = now() - interval '10 minutes' WHERE aggregate_id = $1`, [
        created.claimId,
      ]);

      expect(await reconciler().pass()).toEqual({ 'claims awaiting assessment': 1, 'emails awaiting sending': 0, 'rescore runs not moving': 0, 'evidence awaiting preparation': 0, 'drafts past their expiry': 0, 'version previews not moving': 0, 'claimants without a party record': 0, 'chain recomputations not moving': 0, 'batch jobs not moving': 0, 'bulk decisions not moving': 0 });
      // A second pass right after does not pile up more rows for the same claim.
      expect(await reconciler().pass()).toEqual({ 'claims awaiting assessment': 0, 'emails awaiting sending': 0, 'rescore runs not moving': 0, 'evidence awaiting preparation': 0, 'drafts past their expiry': 0, 'version previews not moving': 0, 'claimants without a party record': 0, 'chain recomputations not moving': 0, 'batch jobs not moving': 0, 'bulk decisions not moving': 0 });
      const rows = await stack.query(`SELECT firm_id, published_at FROM outbox WHERE aggregate_id = $1 ORDER BY id`, [created.claimId]);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toMatchObject({ firm_id: DEMO_FIRM_ID, published_at: null });
    } finally {
      await producer.close();
      redis.disconnect();
    }

    await stack.startWorker();
    await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    const [claim] = await stack.query(`SELECT status FROM claims WHERE id = $1`, [created.claimId]);
    expect(claim.status).toBe('screened');
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM claim_assessments WHERE claim_id = $1`, [created.claimId]);
    expect(n).toBe(1);
    await stack.stopWorker();
  });

  it('requeues work whose job Redis half-lost: an orphaned job under the old id does not swallow the requeue', async () => {
    const { body: created } = await submitClaim(stack.api, validClaim());
    const registry = stack.api.get(QueueRegistry);
    const redis = createRedis(stack.config.REDIS_URL, 'producer');
    const producer = new QueueProducer(redis, stack.config.QUEUE_PREFIX, registry);
    try {
      expect(await new OutboxRelay(stack.api.get(DataSource), producer, registry).publishBatch()).toBeGreaterThanOrEqual(1);
      const wait = `${stack.config.QUEUE_PREFIX}:claims:wait`;
      const jobId = (await redis.lrange(wait, 0, -1)).find((id) => id.includes(created.claimId))!;
      // Lost data leaves the job's hash but not its place in the queue: it will never run.
      expect(await redis.lrem(wait, 0, jobId)).toBe(1);
      expect(await redis.exists(`${stack.config.QUEUE_PREFIX}:claims:${jobId}`)).toBe(1);
      await stack.query(`UPDATE claims SET created_at = now() - interval '10 minutes' WHERE id = $1`, [created.claimId]);
      await stack.query(`UPDATE outbox SET created_at = now() - interval '10 minutes', published_at = now() - interval '10 minutes' WHERE aggregate_id = $1`, [
        created.claimId,
      ]);
      expect((await reconciler().pass())['claims awaiting assessment']).toBeGreaterThanOrEqual(1);
    } finally {
      await producer.close();
      redis.disconnect();
    }
    await stack.startWorker();
    await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM claim_assessments WHERE claim_id = $1`, [created.claimId]);
    expect(n).toBe(1);
    await stack.stopWorker();
  });

  it('leaves fresh work and work scheduled for later alone, and requeues an email long overdue', async () => {
    const { body: created } = await submitClaim(stack.api, validClaim());
    const day = 24 * 3600 * 1000;
    await stack.api.get(FirmScope).run(DEMO_FIRM_ID, (tx) =>
      stack.api.get(NotificationsService).requestEmails(tx, [
        { claimId: created.claimId, template: 'claim-receipt', locale: 'ko', dedupeKey: `later:${created.claimId}`, notBefore: new Date(Date.now() + 7 * day) },
        { claimId: created.claimId, template: 'claim-exists', locale: 'ko', dedupeKey: `overdue:${created.claimId}` },
      ]),
    );
    // Both were requested a day ago; the second was due then and its job has since been lost.
    await stack.query(`UPDATE notifications SET created_at = now() - interval '1 day' WHERE claim_id = $1`, [created.claimId]);
    await stack.query(
      `UPDATE notifications SET not_before = now() - interval '1 day' WHERE dedupe_key = $1`,
      [`overdue:${created.claimId}`],
    );
    await stack.query(
      `UPDATE outbox SET published_at = now() - interval '1 day' FROM notifications n
        WHERE outbox.aggregate_id = n.id AND n.dedupe_key = $1`,
      [`overdue:${created.claimId}`],
    );
    expect(await reconciler().pass()).toEqual({ 'claims awaiting assessment': 0, 'emails awaiting sending': 1, 'rescore runs not moving': 0, 'evidence awaiting preparation': 0, 'drafts past their expiry': 0, 'version previews not moving': 0, 'claimants without a party record': 0, 'chain recomputations not moving': 0, 'batch jobs not moving': 0, 'bulk decisions not moving': 0 });
    const [overdue] = await stack.query(
      `SELECT count(*)::int AS rows FROM outbox o JOIN notifications n ON n.id = o.aggregate_id WHERE n.dedupe_key = $1`,
      [`overdue:${created.claimId}`],
    );
    expect(overdue.rows).toBe(2);
  });

  it('requeues staff work that stopped moving: a full chain recomputation, a batch job and a bulk decision', async () => {
    const staffId = '0190f5a0-0000-7000-8000-00000000c0de';
    const { id: verificationId } = await stack.api.get(ChainVerifier).requestFull(DEMO_FIRM_ID, staffId);
    const { id: batchId } = await stack.api.get(CreateBatch).execute({ firmId: DEMO_FIRM_ID, staffId, caseId: DEMO_CASE_ID, name: '멈춘 차수' });
    const added = await stack.api.get(ChangeBatch).addApproved(DEMO_FIRM_ID, batchId, '500000', staffId);
    expect('jobId' in added).toBe(true);
    const [bulk] = await stack.query(
      `INSERT INTO bulk_jobs (id, firm_id, case_id, staff_id, kind, filter, total) VALUES (gen_random_uuid(), $1, $2, $3, 'approve', '{}', 1) RETURNING id`,
      [DEMO_FIRM_ID, DEMO_CASE_ID, staffId],
    );
    const TOPICS = ['audit.chain-verification-requested', 'filing.batch-work-requested', 'review.bulk-confirmed'];
    const stalled = { ...NOTHING, 'chain recomputations not moving': 1, 'batch jobs not moving': 1, 'bulk decisions not moving': 1 };
    // Moving recently: nothing to do.
    expect(await reconciler().pass()).toEqual(NOTHING);
    // Their jobs were published and lost; nothing has moved for ten minutes.
    await stack.query(`UPDATE outbox SET published_at = now() - interval '10 minutes', created_at = now() - interval '10 minutes' WHERE topic = ANY($1)`, [TOPICS]);
    await stack.query(`UPDATE access_log_verifications SET updated_at = now() - interval '10 minutes' WHERE id = $1`, [verificationId]);
    await stack.query(`UPDATE batch_jobs SET updated_at = now() - interval '10 minutes' WHERE batch_id = $1`, [batchId]);
    await stack.query(`UPDATE bulk_jobs SET updated_at = now() - interval '10 minutes' WHERE id = $1`, [bulk.id]);
    expect(await reconciler().pass()).toEqual(stalled);
    expect(await reconciler().pass()).toEqual(NOTHING);
    const queued = await stack.query(`SELECT topic, aggregate_id AS id FROM outbox WHERE published_at IS NULL AND topic = ANY($1) ORDER BY topic`, [TOPICS]);
    const [{ id: batchJobId }] = await stack.query(`SELECT id FROM batch_jobs WHERE batch_id = $1`, [batchId]);
    expect(queued).toEqual([
      { topic: TOPICS[0], id: verificationId },
      { topic: TOPICS[1], id: batchJobId },
      { topic: TOPICS[2], id: bulk.id },
    ]);
  });
});

const NOTHING = {
  'claims awaiting assessment': 0, 'emails awaiting sending': 0, 'rescore runs not moving': 0, 'evidence awaiting preparation': 0, 'drafts past their expiry': 0,
  'version previews not moving': 0, 'claimants without a party record': 0, 'chain recomputations not moving': 0, 'batch jobs not moving': 0, 'bulk decisions not moving': 0,
};
