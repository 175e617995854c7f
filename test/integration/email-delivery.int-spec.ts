import { SendEmailHandler } from '@app/notifications';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Sending when the mail server is away, and exactly once when it is back. */
describe('email delivery', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // The worker starts with SMTP pointing at a closed port.
    stack = await TestStack.start();
    await stack.startWorker({ SMTP_URL: 'smtp://127.0.0.1:1' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps the email pending with its error while SMTP is down, then sends it once with the same Message-ID', async () => {
    const { body: created } = await submitClaim(stack.api, validClaim());
    const failed = await waitFor('a failed attempt', async () => {
      const [row] = await stack.query(`SELECT id, status, attempts, last_error, message_id FROM notifications WHERE claim_id = $1 AND last_error IS NOT NULL`, [created.claimId]);
      return row;
    });
    expect(failed.status).toBe('pending');
    expect(failed.attempts).toBeGreaterThanOrEqual(1);
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);

    // SMTP comes back: a worker that can reach it retries the same row.
    await stack.worker!.close();
    await stack.startWorker();
    await stack.worker!.get(SendEmailHandler).handle({ notificationId: failed.id }, { attemptsMade: 1, opts: { attempts: 10 } } as never);
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    expect(mail.messageId).toBe(failed.message_id);
    const [row] = await stack.query(`SELECT status, last_error FROM notifications WHERE id = $1`, [failed.id]);
    expect(row).toEqual({ status: 'sent', last_error: null });

    // Any further retry of the job is a no-op.
    await stack.worker!.get(SendEmailHandler).handle({ notificationId: failed.id }, { attemptsMade: 2, opts: { attempts: 10 } } as never);
    await new Promise((r) => setTimeout(r, 500));
    expect(stack.smtp.messages.filter((m) => (m.subject ?? '').includes(created.claimNumber))).toHaveLength(1);
  });

  it('marks the email failed after the last attempt', async () => {
    await stack.worker!.close();
    await stack.startWorker({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const { body: created } = await submitClaim(stack.api, validClaim());
    const row = await waitFor('notification row', async () => (await stack.query(`SELECT id FROM notifications WHERE claim_id = $1`, [created.claimId]))[0]);
    await expect(
      stack.worker!.get(SendEmailHandler).handle({ notificationId: row.id }, { attemptsMade: 9, opts: { attempts: 10 } } as never),
    ).rejects.toThrow();
    const [after] = await stack.query(`SELECT status FROM notifications WHERE id = $1`, [row.id]);
    expect(after.status).toBe('failed');
  });
});
