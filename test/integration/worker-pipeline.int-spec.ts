import { DataSource } from 'typeorm';
import { DEMO_FIRM_ID } from '@app/cases';
import { ASSESS_CLAIM } from '@app/claimants';
import { createRedis, OutboxRelay, PublishTimeoutError, QueueProducer, QueueRegistry } from '@app/queue';
import { validClaim } from '../support/claim-fixture';
import { AssessClaimHandler, SendEmailHandler } from '../support/handlers';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** From the outbox to the receipt email, on the real Postgres, Redis and an SMTP server. */
describe('worker pipeline', () => {
  describe('with a worker running', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await TestStack.start({ worker: true });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    const assessmentOf = async (claimId: string) =>
      (await stack.query(`SELECT verdict, estimate_won, estimate_breakdown, model_version, rules_version FROM claim_assessments WHERE claim_id = $1`, [claimId]))[0];

    it('assesses a claim, moves its status, and sends one receipt with the claim number and status link', async () => {
      const body = validClaim();
      body.answers.exposedData = ['name_email', 'order_history'];
      body.answers.secondaryHarm = true;
      body.answers.secondaryHarmDetail = '2025-12-03 쿠팡 보상 안내를 사칭한 문자';
      const { body: created } = await submitClaim(stack.api, body);

      const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
      const assessment = await assessmentOf(created.claimId);
      expect(assessment).toMatchObject({ verdict: 'eligible', estimate_won: 270_000, model_version: 'coupang-2025.damages.v1', rules_version: 'coupang-2025.rules.v2' });
      expect(assessment.estimate_breakdown).toEqual([
        { code: 'base', won: 200_000 },
        { code: 'tier:order_history', won: 50_000 },
        { code: 'add:secondary-harm', won: 20_000 },
      ]);
      const [claim] = await stack.query(`SELECT status FROM claims WHERE id = $1`, [created.claimId]);
      expect(claim.status).toBe('screened');
      const events = await stack.query(`SELECT from_status, to_status, actor, firm_id FROM claim_events WHERE claim_id = $1 ORDER BY id`, [created.claimId]);
      expect(events).toEqual([
        { from_status: null, to_status: 'submitted', actor: 'claimant', firm_id: DEMO_FIRM_ID },
        { from_status: 'submitted', to_status: 'screened', actor: 'system', firm_id: DEMO_FIRM_ID },
      ]);

      expect(mail.to).toMatchObject({ value: [{ address: body.claimant.email, name: '' }] });
      expect(mail.text).toContain(created.claimNumber);
      const link = /http:\/\/claims\.test\/status\?token=(\S+)/.exec(mail.text ?? '');
      expect(link).not.toBeNull();
      // The sender marks the email sent after the SMTP server has accepted it, so the row may
      // lag the message by a moment.
      const notification = await waitFor('the receipt to be marked sent', async () => {
        const [row] = await stack.query(`SELECT message_id, status, lease_owner FROM notifications WHERE claim_id = $1`, [created.claimId]);
        return row?.status === 'sent' ? row : null;
      });
      expect(mail.messageId).toBe(notification.message_id);
      expect(notification).toMatchObject({ status: 'sent', lease_owner: null });

      // The link opens the claimant's status.
      const status = await stack.api.inject({ method: 'GET', url: `/api/claims/status?token=${link![1]}` });
      expect(status.json()).toMatchObject({ claimNumber: created.claimNumber, status: 'screened', assessment: { verdict: 'eligible', estimate: { amountWon: 270_000 } } });
    });

    it('records every decryption in the access log: one row per batch, naming the job and the count', async () => {
      const { body: created } = await submitClaim(stack.api, validClaim());
      await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
      const rows = await stack.query(
        `SELECT actor_type, actor_id, subject_claimant_id, subject_count, action, fields FROM access_log WHERE firm_id = $1 ORDER BY chain_seq`,
        [DEMO_FIRM_ID],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) {
        expect(row).toMatchObject({ actor_type: 'system', subject_claimant_id: null, action: 'claimant.read' });
        expect(row.subject_count).toBeGreaterThanOrEqual(1);
      }
      expect(new Set(rows.map((r) => r.actor_id))).toEqual(new Set(['assess-claim', 'send-email']));
      expect(rows.find((r) => r.actor_id === 'assess-claim').fields).toEqual(['birthDate', 'name', 'signedName']);
      expect(rows.find((r) => r.actor_id === 'send-email').fields).toEqual(['email', 'name']);
      // Nothing was read unlogged: at least one logged read per assessment made and per email sent.
      const [done] = await stack.query(
        `SELECT (SELECT count(*)::int FROM claim_assessments) AS assessed, (SELECT count(*)::int FROM notifications WHERE status = 'sent') AS sent`,
      );
      const logged = await stack.query(
        `SELECT actor_id, sum(subject_count)::int AS n FROM access_log WHERE firm_id = $1 GROUP BY actor_id`,
        [DEMO_FIRM_ID],
      );
      const byJob = Object.fromEntries(logged.map((r) => [r.actor_id, r.n]));
      expect(byJob['assess-claim']).toBeGreaterThanOrEqual(done.assessed);
      expect(byJob['send-email']).toBeGreaterThanOrEqual(done.sent);
    });

    it('routes minors, duplicate phones and other representation by the rules', async () => {
      const minor = validClaim();
      minor.claimant.birthDate = '2012-01-01';
      const twinA = validClaim({ phone: '010-5555-0001' });
      const twinB = validClaim({ phone: '01055550001' });
      const represented = validClaim();
      represented.answers.otherRepresentation = true;
      const ids: Record<string, string> = {};
      for (const [key, body] of Object.entries({ minor, twinA, twinB, represented })) {
        ids[key] = (await submitClaim(stack.api, body)).body.claimId;
      }
      const statusOf = async (id: string) =>
        waitFor(`assessment of ${id}`, async () => (await stack.query(`SELECT status FROM claims WHERE id = $1 AND status <> 'submitted'`, [id]))[0]?.status);
      expect(await statusOf(ids.minor)).toBe('needs_information');
      expect((await assessmentOf(ids.minor)).verdict).toBe('needs_information');
      expect(await statusOf(ids.twinB)).toBe('manual_review');
      expect(await statusOf(ids.represented)).toBe('manual_review');
      expect((await assessmentOf(ids.represented)).verdict).toBe('ineligible');
    });

    it('treats a repeated assess job and a repeated send job as no-ops', async () => {
      const { body: created } = await submitClaim(stack.api, validClaim());
      await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
      const sentBefore = stack.smtp.messages.length;

      await stack.worker!.get(AssessClaimHandler).handle({ claimId: created.claimId, firmId: DEMO_FIRM_ID });
      const [notification] = await stack.query(`SELECT id FROM notifications WHERE claim_id = $1`, [created.claimId]);
      // The handler returns only after sending or deciding not to, so the count below is final.
      const outcome = await stack.worker!.get(SendEmailHandler).send({ notificationId: notification.id, firmId: DEMO_FIRM_ID }, false);
      expect(outcome).toBe('done');

      const counts = await stack.query(
        `SELECT (SELECT count(*)::int FROM claim_assessments WHERE claim_id = $1) AS assessments,
                (SELECT count(*)::int FROM notifications WHERE claim_id = $1) AS notifications,
                (SELECT count(*)::int FROM claim_events WHERE claim_id = $1) AS events`,
        [created.claimId],
      );
      expect(counts[0]).toEqual({ assessments: 1, notifications: 1, events: 2 });
      expect(stack.smtp.messages.length).toBe(sentBefore);
    });

    it('ignores a job naming a claim under the wrong firm: the claim is invisible there', async () => {
      const { body: created } = await submitClaim(stack.api, validClaim());
      await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
      const otherFirm = '0190f5a0-0000-7000-8000-0000000000ff';
      await stack.worker!.get(AssessClaimHandler).handle({ claimId: created.claimId, firmId: otherFirm });
      const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM claim_assessments WHERE claim_id = $1`, [created.claimId]);
      expect(n).toBe(1);
    });
  });

  describe('the outbox relay', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await TestStack.start();
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('publishes an outbox row once even when two relays race, with a job id derived from the claim and the row', async () => {
      const { body: created } = await submitClaim(stack.api, validClaim());
      const registry = stack.api.get(QueueRegistry);
      const redis = createRedis(stack.config.REDIS_URL, 'producer');
      const producer = new QueueProducer(redis, `${stack.config.QUEUE_PREFIX}-race`, registry);
      try {
        const relays = [new OutboxRelay(stack.api.get(DataSource), producer, registry), new OutboxRelay(stack.api.get(DataSource), producer, registry)];
        const moved = await Promise.all(relays.map((r) => r.publishBatch()));
        expect(moved.reduce((a, b) => a + b, 0)).toBe(1);
        const [row] = await stack.query(`SELECT id FROM outbox WHERE aggregate_id = $1`, [created.claimId]);
        const job = await producer.queue('claims').getJob(`${ASSESS_CLAIM.jobId({ claimId: created.claimId, firmId: DEMO_FIRM_ID })}-o${row.id}`);
        // Ids only: the claim and the firm it belongs to.
        expect(job?.data).toEqual({ claimId: created.claimId, firmId: DEMO_FIRM_ID });
        // Publishing the same row again (crash before marking it) does not make a second job.
        await stack.query(`UPDATE outbox SET published_at = NULL WHERE aggregate_id = $1`, [created.claimId]);
        await relays[0].publishBatch();
        expect(await producer.queue('claims').getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')).toBe(1);
      } finally {
        await producer.queue('claims').obliterate({ force: true });
        await producer.close();
        redis.disconnect();
      }
    });

    it('keeps rows in the outbox while Redis is unreachable, and publishes them once it is back', async () => {
      const { body: created } = await submitClaim(stack.api, validClaim());
      const registry = stack.api.get(QueueRegistry);
      const deadRedis = createRedis('redis://127.0.0.1:1', 'producer');
      const deadProducer = new QueueProducer(deadRedis, stack.config.QUEUE_PREFIX, registry);
      const relay = new OutboxRelay(stack.api.get(DataSource), deadProducer, registry, { batchSize: 10, idleDelayMs: 10, errorDelayMs: 10, publishTimeoutMs: 500 });
      try {
        await expect(relay.publishBatch()).rejects.toThrow(PublishTimeoutError);
        const [row] = await stack.query(`SELECT published_at FROM outbox WHERE aggregate_id = $1`, [created.claimId]);
        expect(row.published_at).toBeNull();
        // The relay's transaction rolled back: nothing is left holding the row's lock.
        const locks = await stack.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
        expect(locks[0].n).toBe(0);
      } finally {
        deadRedis.disconnect();
        // A queue bound to an unreachable Redis never finishes closing on its own.
        await Promise.race([deadProducer.close(), new Promise((r) => setTimeout(r, 1_000))]);
      }

      await stack.startWorker();
      await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    });
  });
});
