import { DEMO_FIRM_ID } from '@app/cases';
import { FirmScope } from '@app/database';
import { NotificationsService, SEND_EMAIL } from '@app/notifications';
import { createRedis, QueueProducer, QueueRegistry } from '@app/queue';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { validClaim } from '../support/claim-fixture';
import { SendEmailHandler } from '../support/handlers';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * One email, two runners at once (a job requeued while the first still runs it): the lease lets
 * one send and makes the other back off. The mail server here takes 1.5 s to accept a message,
 * so the two really overlap.
 */
describe('email send lease', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ smtpHoldMs: 1_500, env: { EMAIL_LEASE_SECONDS: '5' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A new email for a new claim, not yet sent. */
  async function newEmail(tag: string): Promise<{ id: string; messageId: string }> {
    const { body: claim } = await submitClaim(stack.api, validClaim());
    await stack.api.get(FirmScope).run(DEMO_FIRM_ID, (tx) =>
      stack.api.get(NotificationsService).requestEmails(tx, [{ claimId: claim.claimId, template: 'claim-exists', locale: 'ko', dedupeKey: `${tag}:${claim.claimId}` }]),
    );
    const [row] = await stack.query(`SELECT id, message_id AS "messageId" FROM notifications WHERE dedupe_key = $1`, [`${tag}:${claim.claimId}`]);
    return row;
  }

  it('lets one of two runners send, and the other back off until the lease ends', async () => {
    const email = await newEmail('direct');
    const payload = { notificationId: email.id, firmId: DEMO_FIRM_ID };
    const second = await createApi(stack.configWith({}));
    try {
      await second.init();
      const first = stack.api.get(SendEmailHandler).send(payload, false);
      const lease = await waitFor('the first runner to hold the lease', async () =>
        (await stack.query(`SELECT lease_owner, lease_expires_at FROM notifications WHERE id = $1 AND status = 'sending'`, [email.id]))[0],
      );
      expect(await second.get(SendEmailHandler).send(payload, false)).toBe('busy');
      expect(await first).toBe('sent');
      expect(await second.get(SendEmailHandler).send(payload, false)).toBe('done');
      expect(lease.lease_expires_at.getTime()).toBeGreaterThan(Date.now() - 5_000);
    } finally {
      await second.close();
    }
    expect(stack.smtp.messages.filter((m) => m.messageId === email.messageId)).toHaveLength(1);
    const [row] = await stack.query(`SELECT status, attempts, lease_owner FROM notifications WHERE id = $1`, [email.id]);
    expect(row).toEqual({ status: 'sent', attempts: 1, lease_owner: null });
  });

  it('sends once when two workers run two jobs for the same email at the same time', async () => {
    // No relay: the test publishes the jobs itself, the original and a duplicate as a requeue after
    // lost Redis data would make it while the original still runs.
    await stack.startWorker({ OUTBOX_RELAY_ENABLED: 'false' });
    const other = await createWorker(stack.configWith({ OUTBOX_RELAY_ENABLED: 'false' }));
    const redis = createRedis(stack.config.REDIS_URL, 'producer');
    const producer = new QueueProducer(redis, stack.config.QUEUE_PREFIX, stack.api.get(QueueRegistry));
    try {
      await stack.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
      const email = await newEmail('workers');
      await stack.query(`UPDATE outbox SET published_at = now() WHERE aggregate_id = $1`, [email.id]);
      const payload = { notificationId: email.id, firmId: DEMO_FIRM_ID };
      const queue = producer.queue(SEND_EMAIL.queue.name);
      await queue.add(SEND_EMAIL.name, payload, { jobId: SEND_EMAIL.jobId(payload) });
      await queue.add(SEND_EMAIL.name, payload, { jobId: `${SEND_EMAIL.jobId(payload)}-requeued` });

      await waitFor('both jobs to finish', async () => (await queue.getJobCounts('completed')).completed === 2 ? true : null, 30_000);
      expect(stack.smtp.messages.filter((m) => m.messageId === email.messageId)).toHaveLength(1);
      const [row] = await stack.query(`SELECT status, attempts FROM notifications WHERE id = $1`, [email.id]);
      expect(row).toEqual({ status: 'sent', attempts: 1 });
      // The runner that backed off was put back in line, not failed.
      const jobs = await queue.getJobs(['completed']);
      expect(jobs.map((j) => j.attemptsMade).sort()).toEqual([1, 1]);
    } finally {
      await other.close();
      await stack.stopWorker();
      await producer.close();
      redis.disconnect();
    }
  });
});
