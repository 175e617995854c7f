/** Every queue the system has. Worker processes pick a subset by name (WORKER_QUEUES). */
export const QUEUE_NAMES = ['claims', 'notifications'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name);
}
