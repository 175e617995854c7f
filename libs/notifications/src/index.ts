export * from './templates/render';
export * from './recipient-directory';
export * from './notifications.repository';
export * from './notifications.service';
export * from './mailer';
export * from './send-email.handler';
export * from './notifications.module';
export * from './stuck-emails.query';
