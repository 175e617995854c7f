import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { FirmScope } from '@app/database';
import { HandlesJob, JobHandler, PayloadOf, RetryLater } from '@app/queue';
import { Mailer } from './mailer';
import { SEND_EMAIL } from './notifications.queue';
import { LeasedEmail, NotificationsRepository } from './notifications.repository';
import { RecipientDirectory } from './recipient-directory';
import { SendFailure } from './send-failure';
import { renderEmail } from './templates/render';

/** What one run of the handler did, for callers and tests that run it directly. */
export type SendOutcome = 'sent' | 'done' | 'busy' | 'not-due' | 'failed';

/**
 * Sends one email under a lease. The lease (status `sending`, an owner, an expiry) is taken in
 * its own transaction before SMTP, and only its owner can turn it into `sent`, so a second
 * runner of the same email (a job requeued while the first still runs) backs off until the
 * lease ends, and then finds the email sent. A runner that dies mid-send leaves a lease that
 * runs out, and the retry takes it over with the same Message-ID.
 */
@JobHandler(SEND_EMAIL)
@Injectable()
export class SendEmailHandler implements HandlesJob<PayloadOf<typeof SEND_EMAIL>> {
  private readonly logger = new Logger(SendEmailHandler.name);

  constructor(
    private readonly scope: FirmScope,
    private readonly repository: NotificationsRepository,
    private readonly recipients: RecipientDirectory,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async handle(payload: PayloadOf<typeof SEND_EMAIL>, job: Job): Promise<void> {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.send(payload, final);
    if (outcome === 'busy' || outcome === 'not-due') {
      const at = await this.retryAt(payload);
      if (at) throw new RetryLater(at, `email ${payload.notificationId} is ${outcome}`);
    }
  }

  /** One attempt. Throws the SMTP error after recording it, so the queue retries with backoff. */
  async send({ notificationId, firmId }: PayloadOf<typeof SEND_EMAIL>, final: boolean): Promise<SendOutcome> {
    const owner = randomUUID();
    const email = await this.scope.run(firmId, (tx) => this.repository.lease(tx, notificationId, owner, this.config.EMAIL_LEASE_SECONDS));
    if (!email) return this.whyNot(firmId, notificationId);
    try {
      const recipient = await this.recipients.lookup(firmId, email.subject, email.locale, email.template);
      if (!recipient) {
        await this.scope.run(firmId, (tx) => this.repository.release(tx, email.id, owner, 'recipient not found', true));
        return 'failed';
      }
      await this.mailer.send({ to: recipient.email, messageId: email.messageId, ...renderEmail(email.template, email.locale, recipient.data) });
    } catch (error) {
      // From here on only the codes travel: the server's words may hold the address.
      const failure = SendFailure.of(error);
      await this.recordFailure(firmId, email, owner, failure, final);
      throw failure;
    }
    const ours = await this.repository.markSent(this.scope.unscoped, firmId, email.id, owner);
    // Sent, but our lease ran out first and another runner took it: it may send it again.
    if (!ours) this.logger.warn({ notificationId }, 'email sent after its lease expired');
    return 'sent';
  }

  private async recordFailure(firmId: string, email: LeasedEmail, owner: string, failure: SendFailure, final: boolean): Promise<void> {
    await this.scope.run(firmId, (tx) => this.repository.release(tx, email.id, owner, failure.message, final));
    this.logger.warn({ notificationId: email.id, final }, 'email send failed');
  }

  private async whyNot(firmId: string, id: string): Promise<SendOutcome> {
    const row = await this.scope.run(firmId, (tx) => this.repository.find(tx, id));
    if (!row || row.status === 'sent' || row.status === 'failed') return 'done';
    return row.status === 'sending' ? 'busy' : 'not-due';
  }

  /** When to look again at an email another runner holds, or that is not due yet. */
  private async retryAt({ notificationId, firmId }: PayloadOf<typeof SEND_EMAIL>): Promise<Date | null> {
    const row = await this.scope.run(firmId, (tx) => this.repository.find(tx, notificationId));
    if (!row || row.status === 'sent' || row.status === 'failed') return null;
    const at = row.status === 'sending' ? row.leaseExpiresAt! : row.notBefore;
    return new Date(Math.max(at.getTime(), Date.now()) + 1_000);
  }
}
