import { Injectable, Logger } from '@nestjs/common';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import type { BatchJob } from './batch-job';
import { BatchJobsRepository } from './batch-jobs.repository';
import { ADD_STEP, ChangeBatch } from './change-batch.usecase';
import { FilingBatchesRepository } from './filing-batches.repository';
import { BATCH_WORK } from './filing.queue';
import { LockBatch } from './lock-batch.usecase';

type Payload = PayloadOf<typeof BATCH_WORK>;

/**
 * Carries out a batch job (batch_jobs). Each transaction takes the batch's lock, then the job's
 * row, as every change to a batch does. A fill commits each step's claims with the job's count
 * and cursor, so a retried job resumes after the last step that committed; a lock is one
 * transaction with the job's outcome. A finished or stopped job is left alone.
 */
@JobHandler(BATCH_WORK)
@Injectable()
export class BatchWorkHandler implements HandlesJob<Payload> {
  private readonly logger = new Logger('BatchWork');

  constructor(
    private readonly scope: FirmScope,
    private readonly jobs: BatchJobsRepository,
    private readonly batches: FilingBatchesRepository,
    private readonly change: ChangeBatch,
    private readonly lock: LockBatch,
  ) {}

  async handle({ jobId, firmId }: Payload): Promise<void> {
    const job = await this.scope.run(firmId, (tx) => this.jobs.find(tx, jobId));
    if (!job) throw new Error(`batch job ${jobId} not found`);
    if (job.status !== 'running') return;
    if (job.kind === 'fill') await this.fill(firmId, job);
    else await this.lockBatch(firmId, job);
    this.logger.log({ jobId, kind: job.kind }, 'batch job finished');
  }

  private async fill(firmId: string, { id, batchId }: BatchJob): Promise<void> {
    for (;;) {
      const more = await this.scope.run(firmId, async (tx) => {
        const batch = await this.batches.find(tx, batchId, true);
        const job = await this.jobs.find(tx, id, true);
        if (!job || job.status !== 'running') return false;
        if (!batch || batch.status !== 'open') {
          await this.jobs.finish(tx, id, 'stopped', { reason: 'batch.notOpen' });
          return false;
        }
        const want = Math.min(ADD_STEP, job.requested! - job.done);
        const moved = await this.change.step(tx, batch, want, job.cursor);
        // Fewer than asked: the case has no more approved claims outside a batch.
        const finished = moved.added < want || job.done + moved.added >= job.requested!;
        await this.jobs.advance(tx, id, { added: moved.added, amountWon: moved.amountWon, cursor: moved.last ?? job.cursor }, finished);
        return !finished;
      });
      if (!more) return;
    }
  }

  private async lockBatch(firmId: string, { id, batchId, startedBy }: BatchJob): Promise<void> {
    try {
      await this.scope.run(firmId, async (tx) => {
        const batch = await this.batches.find(tx, batchId, true);
        const job = await this.jobs.find(tx, id, true);
        if (!job || job.status !== 'running') return;
        if (!batch || batch.status !== 'open') return this.jobs.finish(tx, id, 'stopped', { reason: 'batch.notOpen' });
        const locked = await this.lock.lockIn(tx, batch, startedBy);
        await this.jobs.finish(tx, id, 'done', { ...locked });
      });
    } catch (error) {
      // Nothing approved left to file (everyone withdrew meanwhile): the job stops, saying why.
      if (!(error instanceof ApiException) || error.messageKey !== 'batch.empty') throw error;
      await this.scope.run(firmId, (tx) => this.jobs.finish(tx, id, 'stopped', { reason: error.messageKey }));
    }
  }
}
