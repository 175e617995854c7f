import { Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { SendEmailHandler } from './send-email.handler';

@Module({
  providers: [Mailer, NotificationsRepository, NotificationsService, SendEmailHandler],
  exports: [NotificationsService],
})
export class NotificationsModule {}
