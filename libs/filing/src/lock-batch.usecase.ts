import { Injectable } from '@nestjs/common';
import { BatchMembers, type MemberCursor } from '@app/claimants';
import { AppConfig } from '@app/config';
import { FirmScope, type FirmTx } from '@app/database';
import { batchBusy, batchEmpty, batchNotFound, batchNotOpen } from './batch-errors';
import { BatchJobsRepository } from './batch-jobs.repository';
import type { FilingBatch } from './filing-batch';
import { FilingBatchesRepository } from './filing-batches.repository';
import { ListHash } from './plaintiff-list';

const PAGE = 10_000;

export interface Locked {
  plaintiffs: number;
  released: number;
  listSha256: string;
}

/**
 * Locks an open batch: members no longer approved are let go, the plaintiff count and total
 * are recounted, and the SHA-256 of the canonical plaintiff list (claim numbers, claimant ids,
 * amounts and mandate hashes, no personal fields, so nobody's details are opened) is stored.
 * One transaction holding the batch's lock: nothing is added in between, and after it nothing is.
 * A batch of more than BATCH_LOCK_IN_REQUEST plaintiffs is locked by the worker (about ten
 * seconds a million: longer than a request may take).
 */
@Injectable()
export class LockBatch {
  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
    private readonly members: BatchMembers,
    private readonly jobs: BatchJobsRepository,
    private readonly config: AppConfig,
  ) {}

  async execute(firmId: string, batchId: string, staffId: string): Promise<Locked | { jobId: string }> {
    return this.scope.run(firmId, async (tx) => {
      const batch = await this.batches.find(tx, batchId, true);
      if (!batch) throw batchNotFound();
      if (batch.status !== 'open') throw batchNotOpen();
      if (await this.jobs.running(tx, batch.id)) throw batchBusy();
      if (batch.plaintiffs > this.config.BATCH_LOCK_IN_REQUEST) return { jobId: await this.jobs.start(tx, { batchId: batch.id, kind: 'lock', requested: null, startedBy: staffId }) };
      return this.lockIn(tx, batch, staffId);
    });
  }

  /** The lock itself, in the caller's transaction, which holds the batch's lock and found it open. */
  async lockIn(tx: FirmTx, batch: FilingBatch, staffId: string): Promise<Locked> {
    const released = await this.members.releaseNotApproved(tx, batch.id);
    const hash = new ListHash();
    let after: MemberCursor | null = null;
    for (;;) {
      const page = await this.members.listPage(tx, batch.id, after, PAGE);
      hash.add(page);
      if (page.length < PAGE) break;
      const last = page[page.length - 1];
      after = { createdAt: last.createdAt, id: last.claimId };
    }
    if (hash.rows === 0) throw batchEmpty();
    const totals = await this.members.totals(tx, batch.id);
    await this.batches.setTotals(tx, batch.id, totals.plaintiffs, totals.amountWon);
    const digest = hash.digest();
    await this.batches.lock(tx, batch.id, staffId, digest);
    return { plaintiffs: totals.plaintiffs, released, listSha256: digest.toString('hex') };
  }
}
