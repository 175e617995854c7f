import { Injectable } from '@nestjs/common';
import { BatchMembers, type MemberCursor } from '@app/claimants';
import { AppConfig } from '@app/config';
import { FirmScope, type FirmTx } from '@app/database';
import { batchBusy, batchNotFound, batchNotOpen, claimNotFound } from './batch-errors';
import { BatchJobsRepository } from './batch-jobs.repository';
import type { FilingBatch } from './filing-batch';
import { FilingBatchesRepository } from './filing-batches.repository';
import { addLimit } from './filing-input';

/** Claims one step adds: one UPDATE and its totals in one short transaction. */
export const ADD_STEP = 20_000;

export type AddResult = { added: number; amountWon: number } | { jobId: string; requested: number };

/**
 * An open batch's members: add the case's approved claims that are in no batch (set-based, up
 * to a limit), or take one out. Each change holds the batch row's lock, so a lock or another
 * change waits, and keeps the batch's plaintiff count and total in step in the same transaction.
 * More than BATCH_ADD_IN_REQUEST claims are added by the worker (FillBatch), not the request.
 */
@Injectable()
export class ChangeBatch {
  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
    private readonly members: BatchMembers,
    private readonly jobs: BatchJobsRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Adds in set-based steps of ADD_STEP claims, each its own short transaction (one UPDATE, the
   * batch's lock, its totals): a million claims in one statement would outrun the statement
   * timeout and hold every row's lock at once. A lock between steps stops the rest.
   */
  async addApproved(firmId: string, batchId: string, rawLimit: unknown, staffId: string): Promise<AddResult> {
    const limit = addLimit(rawLimit);
    if (limit > this.config.BATCH_ADD_IN_REQUEST) {
      const jobId = await this.scope.run(firmId, async (tx) => {
        const batch = (await this.open(tx, batchId))!;
        return this.jobs.start(tx, { batchId: batch.id, kind: 'fill', requested: limit, startedBy: staffId });
      });
      return { jobId, requested: limit };
    }
    const total = { added: 0, amountWon: 0 };
    let after: MemberCursor | null = null;
    while (total.added < limit) {
      const want = Math.min(ADD_STEP, limit - total.added);
      const moved: Awaited<ReturnType<ChangeBatch['step']>> | null = await this.scope.run(firmId, async (tx) => {
        const batch = await this.open(tx, batchId, total.added > 0);
        return batch && this.step(tx, batch, want, after);
      });
      if (!moved) break;
      total.added += moved.added;
      total.amountWon += moved.amountWon;
      after = moved.last;
      if (moved.added < want) break;
    }
    return total;
  }

  /** One step, in the caller's transaction, which holds the batch's lock: up to `limit` claims after `after`. */
  async step(tx: FirmTx, batch: FilingBatch, limit: number, after: MemberCursor | null) {
    const moved = await this.members.addApproved(tx, batch.id, batch.caseId, limit, after);
    await this.batches.addTotals(tx, batch.id, moved.added, moved.amountWon);
    return moved;
  }

  async remove(firmId: string, batchId: string, claimId: string): Promise<void> {
    await this.scope.run(firmId, async (tx) => {
      const batch = (await this.open(tx, batchId))!;
      const removed = await this.members.remove(tx, batch.id, claimId);
      if (!removed) throw claimNotFound();
      // Only approved members counted (a withdrawn one had already stopped being a plaintiff).
      if (removed.status === 'approved') await this.batches.addTotals(tx, batch.id, -1, -removed.amountWon);
    });
  }

  /**
   * The batch, locked, if open and not being worked on by the worker; after a first step, a
   * batch locked meanwhile ends the adding quietly (null).
   */
  private async open(tx: FirmTx, batchId: string, quietly = false): Promise<FilingBatch | null> {
    const batch = await this.batches.find(tx, batchId, true);
    if (!batch) throw batchNotFound();
    if (batch.status !== 'open') {
      if (quietly) return null;
      throw batchNotOpen();
    }
    if (await this.jobs.running(tx, batch.id)) throw batchBusy();
    return batch;
  }
}
