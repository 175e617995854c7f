import { createApi } from '../../apps/api/src/create-api';
import { DEMO_FIRM_ID } from '@app/cases';
import { validClaim } from '../support/claim-fixture';
import { SendEmailHandler } from '../support/handlers';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Sending when the mail server is away, and exactly once when it is back. */
describe('email delivery', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps the email pending with its error while SMTP is down, then sends it once with the same Message-ID', async () => {
    // The worker starts with SMTP pointing at a closed port.
    await stack.startWorker({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const { body: created } = await submitClaim(stack.api, validClaim());
    const failed = await waitFor('a failed attempt', async () => {
      const [row] = await stack.query(
        `SELECT id, status, attempts, last_error, message_id, lease_owner FROM notifications WHERE claim_id = $1 AND last_error IS NOT NULL`,
        [created.claimId],
      );
      return row;
    });
    // The failed attempt gave its lease back.
    expect(failed).toMatchObject({ status: 'pending', lease_owner: null });
    expect(failed.attempts).toBeGreaterThanOrEqual(1);
    // The transport's codes only: nothing the server (or the socket) said.
    expect(failed.last_error).toMatch(/^email not sent: (ESOCKET|ECONNECTION)/);

    // SMTP comes back: a process that can reach it (the API's context, with no queue consumers
    // to race it) runs the same job again.
    await stack.stopWorker();
    const payload = { notificationId: failed.id, firmId: DEMO_FIRM_ID };
    const first = await stack.api.get(SendEmailHandler).send(payload, false);
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    expect(mail.messageId).toBe(failed.message_id);
    const [row] = await stack.query(`SELECT status, last_error FROM notifications WHERE id = $1`, [failed.id]);
    expect(row).toEqual({ status: 'sent', last_error: null });

    // Any further run of the job is a no-op; send() returns only once it has decided.
    const again = await stack.api.get(SendEmailHandler).send(payload, false);
    expect([first, again]).toEqual(['sent', 'done']);
    expect(stack.smtp.messages.filter((m) => (m.subject ?? '').includes(created.claimNumber))).toHaveLength(1);
  });

  it('marks the email failed after the last attempt', async () => {
    await stack.startWorker({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const { body: created } = await submitClaim(stack.api, validClaim());
    const row = await waitFor('a failed first attempt', async () =>
      (await stack.query(`SELECT id FROM notifications WHERE claim_id = $1 AND attempts >= 1 AND status = 'pending'`, [created.claimId]))[0],
    );
    await stack.stopWorker();
    // The last attempt, in a second context that still cannot reach SMTP.
    const unreachable = await createApi(stack.configWith({ SMTP_URL: 'smtp://127.0.0.1:1' }));
    try {
      await unreachable.init();
      await expect(unreachable.get(SendEmailHandler).send({ notificationId: row.id, firmId: DEMO_FIRM_ID }, true)).rejects.toThrow(/^email not sent: (ESOCKET|ECONNECTION)/);
    } finally {
      await unreachable.close();
    }
    const [after] = await stack.query(`SELECT status, lease_owner, attempts FROM notifications WHERE id = $1`, [row.id]);
    expect(after).toEqual({ status: 'failed', lease_owner: null, attempts: 2 });
  });
});
