export * from './templates/render';
export * from './recipient-directory';
export * from './email-request';
export * from './send-failure';
export * from './notifications.service';
export * from './notifications.queue';
export * from './notifications.module';
