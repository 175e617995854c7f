import { defineQueue, route } from '@app/queue';

/** Emails go out one job each, so each has its own retries and its own failure. */
export const NOTIFICATIONS_QUEUE = defineQueue('notifications', {
  concurrency: 16,
  attempts: 10,
  backoffMs: 10_000,
  lockDurationMs: 60_000,
  maxStalledCount: 1,
  keepCompleted: { ageSeconds: 24 * 3600, count: 10_000 },
  keepFailed: { ageSeconds: 30 * 24 * 3600, count: 10_000 },
});

export const SEND_EMAIL = NOTIFICATIONS_QUEUE.job<{ notificationId: string; firmId: string }>(
  'send-email',
  (p) => `email-${p.notificationId}`,
);

export const NOTIFICATION_CREATED = 'notification.created';

export const NOTIFICATION_ROUTES = [
  route(NOTIFICATION_CREATED, SEND_EMAIL, (e) => ({ notificationId: e.aggregateId, firmId: e.firmId })),
];
