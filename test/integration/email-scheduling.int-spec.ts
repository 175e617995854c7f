import { DEMO_FIRM_ID } from '@app/cases';
import { FirmScope } from '@app/database';
import { NotificationsService } from '@app/notifications';
import { validClaim } from '../support/claim-fixture';
import { SendEmailHandler } from '../support/handlers';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Work planned for later (a reminder, a deadline notice) waits in Postgres and goes out once, when due. */
describe('scheduled emails', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends nothing before its time and once when due, across a worker restart', async () => {
    const { body: claim } = await submitClaim(stack.api, validClaim());
    const dueAt = new Date(Date.now() + 6_000);
    await stack.api.get(FirmScope).run(DEMO_FIRM_ID, (tx) =>
      stack.api.get(NotificationsService).requestEmails(tx, [
        { claimId: claim.claimId, template: 'claim-exists', locale: 'en', dedupeKey: `later:${claim.claimId}`, notBefore: dueAt },
      ]),
    );
    const [later] = await stack.query(`SELECT id, message_id FROM notifications WHERE dedupe_key = $1`, [`later:${claim.claimId}`]);

    // A worker runs, and sends what is due (the claim's receipt) ...
    await stack.startWorker();
    await stack.smtp.waitFor((m) => (m.subject ?? '').includes(claim.claimNumber) && m.messageId !== later.message_id);
    // ... but not the scheduled email: it has not even been handed to the queue.
    expect(Date.now()).toBeLessThan(dueAt.getTime());
    expect(stack.smtp.messages.filter((m) => m.messageId === later.message_id)).toHaveLength(0);
    const [row] = await stack.query(`SELECT o.published_at, n.status FROM outbox o JOIN notifications n ON n.id = o.aggregate_id WHERE n.id = $1`, [later.id]);
    expect(row).toEqual({ published_at: null, status: 'pending' });
    // Run early by hand (as a stray job would be), the sender refuses it.
    expect(await stack.api.get(SendEmailHandler).send({ notificationId: later.id, firmId: DEMO_FIRM_ID }, false)).toBe('not-due');

    // The worker restarts before the email is due; the new one sends it on time.
    await stack.stopWorker();
    await stack.startWorker();
    const mail = await stack.smtp.waitFor((m) => m.messageId === later.message_id, 20_000);
    expect(mail.receivedAt).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(mail.subject).toBe(`[Coupang data breach damages suit] You already have a claim (${claim.claimNumber})`);
    await waitFor('the email marked sent', async () => (await stack.query(`SELECT 1 FROM notifications WHERE id = $1 AND status = 'sent'`, [later.id]))[0]);
    expect(stack.smtp.messages.filter((m) => m.messageId === later.message_id)).toHaveLength(1);
    await stack.stopWorker();
  });
});
