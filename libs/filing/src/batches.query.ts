import { Injectable } from '@nestjs/common';
import { BatchMembers, type BatchMemberRow, type MemberCursor } from '@app/claimants';
import { FirmScope } from '@app/database';
import { batchNotFound } from './batch-errors';
import type { BatchJob } from './batch-job';
import { BatchJobsRepository } from './batch-jobs.repository';
import { ExportRecordsRepository } from './export-records.repository';
import type { FilingBatch } from './filing-batch';
import { FilingBatchesRepository } from './filing-batches.repository';

export interface BatchDetail {
  batch: FilingBatch;
  /** Members left out of every export (withdrawn or rejected since they were added). */
  excluded: number;
  members: BatchMemberRow[];
  /** The cursor of the next page of members, or null. */
  next: string | null;
  exports: Awaited<ReturnType<ExportRecordsRepository['recent']>>;
  /** Work the worker is doing on the batch, or its latest. */
  job: BatchJob | null;
}

const MEMBERS_PAGE = 100;

const encode = (c: MemberCursor) => Buffer.from(`${c.createdAt}|${c.id}`, 'utf8').toString('base64url');
/** A cursor from the page's link; anything that does not parse is the first page. */
export function decodeMemberCursor(raw: unknown): MemberCursor | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  const [createdAt, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(createdAt ?? '') || !/^[0-9a-f-]{36}$/.test(id ?? '')) return null;
  return { createdAt, id };
}

/** What the batches pages show: no one's personal details, only claim numbers, statuses and sums. */
@Injectable()
export class BatchesQuery {
  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
    private readonly members: BatchMembers,
    private readonly exports: ExportRecordsRepository,
    private readonly jobs: BatchJobsRepository,
  ) {}

  list(firmId: string, caseId: string | null) {
    return this.scope.run(firmId, async (tx) => ({ cases: await this.batches.cases(tx), batches: await this.batches.list(tx, caseId) }));
  }

  /** Whether the batch is the firm's (another firm's id reads as none). */
  /** A claim's number, if the claim is the firm's (a pack by claim id names it on its form). */
  async claimNumber(firmId: string, claimId: string): Promise<string | null> {
    const rows = await this.scope.run(firmId, (tx) => tx.manager.query(`SELECT claim_number AS "claimNumber" FROM claims WHERE id = $1`, [claimId]));
    return (rows as { claimNumber: string }[])[0]?.claimNumber ?? null;
  }

  exists(firmId: string, batchId: string): Promise<boolean> {
    return this.scope.run(firmId, async (tx) => (await this.batches.find(tx, batchId)) !== null);
  }

  async detail(firmId: string, batchId: string, after: MemberCursor | null): Promise<BatchDetail> {
    const found = await this.scope.run(firmId, async (tx) => {
      const batch = await this.batches.find(tx, batchId);
      if (!batch) return null;
      const totals = await this.members.totals(tx, batch.id);
      const page = await this.members.page(tx, batch.id, after, MEMBERS_PAGE + 1);
      return { batch, excluded: totals.excluded, page, job: await this.jobs.latest(tx, batch.id) };
    });
    if (!found) throw batchNotFound();
    const members = found.page.slice(0, MEMBERS_PAGE);
    const last = members[members.length - 1];
    const next = found.page.length > MEMBERS_PAGE && last ? encode({ createdAt: last.createdAt, id: last.claimId }) : null;
    return { batch: found.batch, excluded: found.excluded, members, next, exports: await this.exports.recent(firmId, batchId), job: found.job };
  }
}
