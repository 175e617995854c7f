import { STUCK_CLAIMS } from '@app/claimants';
import { STUCK_EMAILS } from '@app/notifications';
import { OutboxRelay, QueueProducer, Reconciler, createRedis } from '@app/queue';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';

/** Redis loses every queue after the relay published: the reconciler rebuilds them from Postgres. */
describe('reconciler', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('requeues claims whose jobs Redis lost, once, and the worker then finishes them', async () => {
    const { body: created } = await submitClaim(stack.api, validClaim());
    const redis = createRedis(stack.config.REDIS_URL, 'producer');
    const producer = new QueueProducer(redis, stack.config.QUEUE_PREFIX);
    try {
      expect(await new OutboxRelay(stack.db.dataSource, producer).publishBatch()).toBe(1);
      // Redis forgets everything (restart without persistence).
      await producer.queue('claims').obliterate({ force: true });
      // Time passes: make the claim and its outbox row older than the staleness window.
      await stack.query(`UPDATE claims SET created_at = now() - interval '10 minutes' WHERE id = $1`, [created.claimId]);
      await stack.query(`UPDATE outbox SET created_at = now() - interval '10 minutes' WHERE aggregate_id = $1`, [created.claimId]);

      const reconciler = new Reconciler(stack.db.dataSource, [STUCK_CLAIMS, STUCK_EMAILS], { intervalMs: 60_000, staleAfterSeconds: 300 });
      expect(await reconciler.pass()).toEqual({ 'claims awaiting assessment': 1, 'emails awaiting sending': 0 });
      // A second pass right after does not pile up more rows for the same claim.
      expect(await reconciler.pass()).toEqual({ 'claims awaiting assessment': 0, 'emails awaiting sending': 0 });
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
  });

  it('leaves fresh work alone', async () => {
    await submitClaim(stack.api, validClaim());
    const reconciler = new Reconciler(stack.db.dataSource, [STUCK_CLAIMS, STUCK_EMAILS], { intervalMs: 60_000, staleAfterSeconds: 300 });
    expect(await reconciler.pass()).toEqual({ 'claims awaiting assessment': 0, 'emails awaiting sending': 0 });
  });
});
