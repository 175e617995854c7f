import { Injectable } from '@nestjs/common';
import { BatchMembers, type MemberCursor } from '@app/claimants';
import { FirmScope, type FirmTx } from '@app/database';
import { batchNotFound, batchNotOpen, claimNotFound } from './batch-errors';
import type { FilingBatch } from './filing-batch';
import { FilingBatchesRepository } from './filing-batches.repository';
import { addLimit } from './filing-input';

const ADD_STEP = 20_000;

/**
 * An open batch's members: add the case's approved claims that are in no batch (set-based, up
 * to a limit), or take one out. Each change holds the batch row's lock, so a lock or another
 * change waits, and keeps the batch's plaintiff count and total in step in the same transaction.
 */
@Injectable()
export class ChangeBatch {
  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
    private readonly members: BatchMembers,
  ) {}

  /**
   * Adds in set-based steps of ADD_STEP claims, each its own short transaction (one UPDATE, the
   * batch's lock, its totals): a million claims in one statement would outrun the statement
   * timeout and hold every row's lock at once. A lock between steps stops the rest.
   */
  async addApproved(firmId: string, batchId: string, rawLimit: unknown): Promise<{ added: number; amountWon: number }> {
    const limit = addLimit(rawLimit);
    const total = { added: 0, amountWon: 0 };
    let after: MemberCursor | null = null;
    while (total.added < limit) {
      const step = Math.min(ADD_STEP, limit - total.added);
      const added: Awaited<ReturnType<BatchMembers['addApproved']>> | null = await this.scope.run(firmId, async (tx) => {
        const batch = await this.open(tx, batchId, total.added > 0);
        if (!batch) return null;
        const moved = await this.members.addApproved(tx, batch.id, batch.caseId, step, after);
        await this.batches.addTotals(tx, batch.id, moved.added, moved.amountWon);
        return moved;
      });
      if (!added) break;
      total.added += added.added;
      total.amountWon += added.amountWon;
      after = added.last;
      if (added.added < step) break;
    }
    return total;
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

  /** The batch, locked, if open; after a first step, a batch locked meanwhile ends the adding quietly (null). */
  private async open(tx: FirmTx, batchId: string, quietly = false): Promise<FilingBatch | null> {
    const batch = await this.batches.find(tx, batchId, true);
    if (!batch) throw batchNotFound();
    if (batch.status !== 'open') {
      if (quietly) return null;
      throw batchNotOpen();
    }
    return batch;
  }
}
