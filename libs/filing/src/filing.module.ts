import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { BatchJobsRepository } from './batch-jobs.repository';
import { BatchWorkHandler } from './batch-work.handler';
import { BatchesQuery } from './batches.query';
import { ChangeBatch } from './change-batch.usecase';
import { CreateBatch } from './create-batch.usecase';
import { ExportPlaintiffList } from './export-plaintiff-list.usecase';
import { ExportProofPack } from './export-proof-pack.usecase';
import { ExportRecordsRepository } from './export-records.repository';
import { FileBatch } from './file-batch.usecase';
import { FilingBatchesRepository } from './filing-batches.repository';
import { FILING_QUEUE, FILING_ROUTES } from './filing.queue';
import { LockBatch } from './lock-batch.usecase';
import { StuckBatchJobs } from './stuck-batch-jobs.source';

/**
 * Filing rounds (batches) of approved claims and their court-ready exports: the plaintiff list
 * (CSV, XLSX) and proof-of-mandate packs (ZIP). Owns filing_batches, batch_jobs and export_records; the
 * claims' side (membership, statuses, personal data) goes through the claimants module.
 */
@Module({
  imports: [DatabaseModule.forFeature([]), QueueModule.forFeature({ queues: [FILING_QUEUE], routes: FILING_ROUTES })],
  providers: [FilingBatchesRepository, ExportRecordsRepository, BatchJobsRepository, BatchWorkHandler, StuckBatchJobs, CreateBatch, ChangeBatch, LockBatch, FileBatch, BatchesQuery, ExportPlaintiffList, ExportProofPack],
  exports: [CreateBatch, ChangeBatch, LockBatch, FileBatch, BatchesQuery, ExportPlaintiffList, ExportProofPack],
})
export class FilingModule {}
