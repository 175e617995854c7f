import type { MemberCursor } from '@app/claimants';

/** Work on a batch handed to the worker (batch_jobs): adding many claims, or locking a large batch. */
export interface BatchJob {
  id: string;
  batchId: string;
  kind: 'fill' | 'lock';
  /** fill: how many claims to add at most. */
  requested: number | null;
  /** fill: how many added so far. */
  done: number;
  amountWon: number;
  cursor: MemberCursor | null;
  status: 'running' | 'done' | 'stopped';
  outcome: Record<string, unknown> | null;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
}
