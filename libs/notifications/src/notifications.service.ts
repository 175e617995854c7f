import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { OutboxService } from '@app/queue';
import { Mailer } from './mailer';
import { NOTIFICATION_CREATED } from './notifications.queue';
import type { EmailRequest } from './email-request';
import { NotificationEntity } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';

/** The module's front door: other modules ask for emails here, inside their own firm transaction. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly outbox: OutboxService,
    private readonly mailer: Mailer,
  ) {}

  /** Deletes the emails about a draft that is being deleted (its data goes, so do the records of what was sent about it). */
  forgetDraft(tx: FirmTx, draftId: string): Promise<void> {
    return this.repository.deleteForDraft(tx, draftId);
  }

  /** Every email about a claim, oldest first: what it was, in which language, and whether it went. */
  sentAbout(tx: FirmTx, claimId: string): Promise<Pick<NotificationEntity, 'id' | 'template' | 'locale' | 'status' | 'attempts' | 'createdAt' | 'notBefore' | 'sentAt'>[]> {
    return tx.manager.find(NotificationEntity, {
      where: { claimId },
      select: { id: true, template: true, locale: true, status: true, attempts: true, createdAt: true, notBefore: true, sentAt: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Requests emails (each sent once, at or after its notBefore); returns how many were new. */
  async requestEmails(tx: FirmTx, requests: EmailRequest[]): Promise<number> {
    const created = await this.repository.insert(tx, requests, this.mailer.messageDomain);
    await this.outbox.enqueue(tx, created.map((n) => ({ topic: NOTIFICATION_CREATED, aggregateId: n.id, notBefore: n.notBefore })));
    return created.length;
  }
}
