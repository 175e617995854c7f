import type { JobDefinition } from './queue-definition';

/** What an outbox row names: the work's topic, the thing it is about, and whose it is. */
export interface OutboxEntry {
  topic: string;
  aggregateId: string;
  firmId: string;
  /** Not published (so not run) before this time; now if absent. */
  notBefore?: Date;
}

/** How rows of one outbox topic become jobs. */
export interface OutboxRoute<P extends object = object> {
  readonly topic: string;
  readonly job: JobDefinition<P>;
  payload(entry: { aggregateId: string; firmId: string }): P;
}

export function route<P extends object>(topic: string, job: JobDefinition<P>, payload: (entry: { aggregateId: string; firmId: string }) => P): OutboxRoute<P> {
  return { topic, job, payload };
}
