import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { BulkJobs } from './bulk-decisions';
import { BULK_DECISION_CONFIRMED } from './review.queue';

/** Bulk decisions that stopped moving: their job was lost with Redis's data. Queued again, they resume at their first undecided item. */
@StaleWork()
@Injectable()
export class StuckBulkJobs implements StaleWorkSource {
  readonly name = 'bulk decisions not moving';
  readonly topic = BULK_DECISION_CONFIRMED;

  constructor(private readonly jobs: BulkJobs) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.jobs.findStale(tx, dueBefore, limit);
  }
}
