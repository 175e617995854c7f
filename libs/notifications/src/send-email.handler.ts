import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobPayload } from '@app/queue';
import { Mailer } from './mailer';
import { NotificationsRepository } from './notifications.repository';
import { RecipientDirectory } from './recipient-directory';
import { renderEmail } from './templates/render';

/**
 * Sends one email. A row already marked sent makes a repeat a no-op; the Message-ID was
 * fixed when the row was created, so even the crash window (sent, not yet marked) yields
 * the same message id on the resend.
 */
@JobHandler({ queue: 'notifications', name: 'send-email' })
@Injectable()
export class SendEmailHandler implements HandlesJob<JobPayload<'notifications', 'send-email'>> {
  private readonly logger = new Logger(SendEmailHandler.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly recipients: RecipientDirectory,
    private readonly mailer: Mailer,
  ) {}

  async handle({ notificationId }: JobPayload<'notifications', 'send-email'>, job: Job): Promise<void> {
    const notification = await this.repository.find(notificationId);
    if (!notification) return; // already sent, failed for good, or gone
    const recipient = await this.recipients.lookup(notification.claimId);
    if (!recipient) {
      await this.repository.markError(notificationId, 'recipient not found', true);
      return;
    }
    const email = renderEmail(notification.template, notification.locale, recipient);
    try {
      await this.mailer.send({ to: recipient.email, messageId: notification.messageId, ...email });
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.repository.markError(notificationId, error instanceof Error ? error.message : String(error), final);
      this.logger.warn({ notificationId, attempt: job.attemptsMade + 1, final }, 'email send failed');
      throw error;
    }
    await this.repository.markSent(notificationId);
  }
}
