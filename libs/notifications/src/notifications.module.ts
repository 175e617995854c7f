import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { Mailer } from './mailer';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATION_ROUTES, NOTIFICATIONS_QUEUE } from './notifications.queue';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { SendEmailHandler } from './send-email.handler';
import { StuckEmails } from './stuck-emails.source';

/** Emails: requested in the caller's transaction, scheduled, sent once under a lease. */
@Module({
  imports: [
    DatabaseModule.forFeature([NotificationEntity]),
    QueueModule.forFeature({ queues: [NOTIFICATIONS_QUEUE], routes: NOTIFICATION_ROUTES }),
  ],
  providers: [Mailer, NotificationsRepository, NotificationsService, SendEmailHandler, StuckEmails],
  exports: [NotificationsService],
})
export class NotificationsModule {}
