import type { OutboxRoute } from './outbox-route';
import type { QueueDefinition } from './queue-definition';

/** A module's queues and outbox routes, registered with QueueModule.forFeature. */
export class QueueFeature {
  constructor(
    readonly queues: readonly QueueDefinition[],
    readonly routes: readonly OutboxRoute[],
  ) {}
}
