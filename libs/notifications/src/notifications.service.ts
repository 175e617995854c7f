import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Mailer } from './mailer';
import { EmailRequest, NotificationsRepository } from './notifications.repository';

/** The module's front door: other modules ask for emails here, inside their own transaction. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly mailer: Mailer,
    private readonly db: DataSource,
  ) {}

  requestEmails(requests: EmailRequest[], tx?: EntityManager): Promise<number> {
    return this.repository.request(tx ?? this.db, requests, this.mailer.messageDomain);
  }
}
