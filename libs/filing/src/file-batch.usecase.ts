import { Injectable } from '@nestjs/common';
import { BatchMembers } from '@app/claimants';
import { FirmScope } from '@app/database';
import { batchNotFound, batchNotLocked } from './batch-errors';
import { FilingBatchesRepository } from './filing-batches.repository';

const PAGE = 5_000;

/**
 * Marks a locked batch filed: its approved claims move to filed through the status machine in
 * pages of PAGE, each page its own short transaction (a million claims are not one giant
 * one), then the batch itself. Safe to run again: a retry moves the claims still approved and
 * then marks the batch. Withdrawn members stay withdrawn, and were never on the list.
 */
@Injectable()
export class FileBatch {
  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
    private readonly members: BatchMembers,
  ) {}

  async execute(firmId: string, batchId: string, staffId: string): Promise<{ moved: number }> {
    const batch = await this.scope.run(firmId, (tx) => this.batches.find(tx, batchId));
    if (!batch) throw batchNotFound();
    if (batch.status !== 'locked') throw batchNotLocked();
    const reason = `filed with batch ${batch.number}`;
    let moved = 0;
    for (;;) {
      const n = await this.scope.run(firmId, (tx) => this.members.fileNext(tx, batch.id, PAGE, `staff:${staffId}`, reason));
      moved += n;
      if (n === 0) break;
    }
    await this.scope.run(firmId, async (tx) => {
      await this.batches.find(tx, batch.id, true);
      const totals = await this.members.totals(tx, batch.id);
      await this.batches.setTotals(tx, batch.id, totals.plaintiffs, totals.amountWon);
      await this.batches.markFiled(tx, batch.id, staffId);
    });
    return { moved };
  }
}
