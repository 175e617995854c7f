import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { BatchJobsRepository } from './batch-jobs.repository';
import { BATCH_WORK_REQUESTED } from './filing.queue';

/** Batch jobs that stopped moving: their job was lost with Redis's data. Queued again, a fill resumes after its last step. */
@StaleWork()
@Injectable()
export class StuckBatchJobs implements StaleWorkSource {
  readonly name = 'batch jobs not moving';
  readonly topic = BATCH_WORK_REQUESTED;

  constructor(private readonly jobs: BatchJobsRepository) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.jobs.findStale(tx, dueBefore, limit);
  }
}
