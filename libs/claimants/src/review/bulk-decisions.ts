import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CasesService } from '@app/cases';
import { FirmScope, type FirmTx, sqlRows } from '@app/database';
import { seoulToday } from '@app/eligibility';
import { ApiException } from '@app/http';
import { HandlesJob, JobHandler, OutboxService, PayloadOf } from '@app/queue';
import { BulkJobEntity, type BulkKind } from '../entities/bulk-job.entity';
import { DecisionWriter } from './decision-writer';
import { type DecisionRequest, decisionProblems } from './decisions';
import type { Reviewer } from './decide-claim.usecase';
import { filterQuery, type QueueFilter } from './queue-filter';
import { COUNT_CAP, ReviewQueue } from './review-queue.query';
import { BULK_DECIDE, BULK_DECISION_CONFIRMED } from './review.queue';

/** A bulk decision covers at most as many claims as the queue counts exactly. */
export const BULK_MAX = COUNT_CAP;
const CHUNK = 250;

export type BulkRequest = Extract<DecisionRequest, { kind: BulkKind }>;

/**
 * A decision over everything a queue filter matches. Confirming fixes the selection (the
 * claims matching at that moment, in order, as bulk_job_items) in one transaction with the job's
 * row and its outbox entry, and only if the count is the one the person confirmed: a selection
 * that grew or shrank since the confirmation page is refused, so nobody decides on more claims
 * than they saw. The job then decides chunk by chunk (see BulkDecideHandler).
 */
@Injectable()
export class StartBulkDecision {
  constructor(
    private readonly scope: FirmScope,
    private readonly queue: ReviewQueue,
    private readonly cases: CasesService,
    private readonly outbox: OutboxService,
  ) {}

  async execute(reviewer: Reviewer, caseId: string, filter: QueueFilter, request: BulkRequest, expected: number): Promise<string> {
    const kase = await this.cases.findById(caseId);
    if (!kase || kase.firmId !== reviewer.firmId) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    const problems = decisionProblems(request, kase.definition, seoulToday());
    if (problems.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems);
    const selection = { ...filter, after: null };
    const id = uuidv7();
    return this.scope.run(reviewer.firmId, async (tx) => {
      await tx.manager.insert(BulkJobEntity, {
        id, firmId: tx.firmId, caseId, staffId: reviewer.staffId, kind: request.kind, filter: filterQuery(selection), params: paramsOf(request) as never, total: 0,
      });
      const { where, params } = this.queue.conditions(caseId, selection, reviewer.staffId);
      params.push(id, BULK_MAX + 1);
      const [{ n }] = await sqlRows<{ n: number }>(
        tx.manager,
        `WITH chosen AS (
           SELECT t.id, row_number() OVER (ORDER BY t.created_at, t.id)::int AS seq
             FROM (SELECT cl.id, cl.created_at FROM claims cl WHERE ${where.join(' AND ')} ORDER BY cl.created_at, cl.id LIMIT $${params.length}) t
         ), ins AS (
           INSERT INTO bulk_job_items (job_id, claim_id, firm_id, seq) SELECT $${params.length - 1}::uuid, id, app_current_firm(), seq FROM chosen RETURNING 1
         )
         SELECT count(*)::int AS n FROM ins`,
        params,
      );
      if (n === 0) throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'review.bulkEmpty');
      if (n > BULK_MAX) throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'review.bulkTooMany');
      if (n !== expected) throw new ApiException(HttpStatus.CONFLICT, 'review.bulkChanged', [], { count: n });
      await tx.manager.update(BulkJobEntity, { id }, { total: n });
      await this.outbox.enqueue(tx, [{ topic: BULK_DECISION_CONFIRMED, aggregateId: id }]);
      return id;
    });
  }
}

/** A bulk job as its progress page shows it. */
@Injectable()
export class BulkJobs {
  constructor(private readonly scope: FirmScope) {}

  find(firmId: string, id: string): Promise<BulkJobEntity | null> {
    return this.scope.run(firmId, (tx) => tx.manager.findOne(BulkJobEntity, { where: { id } }));
  }

  /** Running jobs that have not moved since `before`: lost with Redis's data. */
  async findStale(tx: FirmTx, before: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(tx.manager, `SELECT id FROM bulk_jobs WHERE firm_id = $1 AND status = 'running' AND updated_at < $2 LIMIT $3`, [tx.firmId, before, limit]);
    return rows.map((r) => r.id);
  }
}

type Payload = PayloadOf<typeof BULK_DECIDE>;

/**
 * Carries out a confirmed bulk decision: CHUNK items at a time, each chunk one transaction
 * that decides its claims (through the same DecisionWriter a single decision uses, so the
 * checks, events and emails are the same) and writes the items' outcomes and the job's
 * counts. A retried or resumed job starts at the first item without an outcome; a claim that
 * moved on since it was chosen is skipped, not forced.
 */
@JobHandler(BULK_DECIDE)
@Injectable()
export class BulkDecideHandler implements HandlesJob<Payload> {
  private readonly logger = new Logger('BulkDecide');

  constructor(
    private readonly scope: FirmScope,
    private readonly cases: CasesService,
    private readonly writer: DecisionWriter,
  ) {}

  async handle({ jobId, firmId }: Payload): Promise<void> {
    const job = await this.scope.run(firmId, (tx) => tx.manager.findOne(BulkJobEntity, { where: { id: jobId } }));
    if (!job || job.status !== 'running') return;
    const kase = await this.cases.findById(job.caseId);
    if (!kase) throw new Error(`bulk job ${jobId}: case ${job.caseId} is gone`);
    const request = requestOf(job);
    for (;;) {
      const more = await this.scope.run(firmId, async (tx) => {
        const items = await sqlRows<{ seq: number; claimId: string }>(
          tx.manager,
          `SELECT seq, claim_id AS "claimId" FROM bulk_job_items WHERE job_id = $1 AND outcome IS NULL ORDER BY seq LIMIT ${CHUNK} FOR UPDATE SKIP LOCKED`,
          [jobId],
        );
        if (items.length === 0) {
          await tx.manager.query(`UPDATE bulk_jobs SET status = 'done', finished_at = now() WHERE id = $1 AND status = 'running'`, [jobId]);
          return false;
        }
        const { decided } = await this.writer.apply(tx, kase, items.map((i) => i.claimId), request, job.staffId, jobId);
        const done = new Set(decided);
        await tx.manager.query(
          `UPDATE bulk_job_items i SET outcome = CASE WHEN i.claim_id = ANY($3::uuid[]) THEN 'done' ELSE 'skipped' END
            WHERE i.job_id = $1 AND i.seq = ANY($2::int[])`,
          [jobId, items.map((i) => i.seq), decided],
        );
        await tx.manager.query(`UPDATE bulk_jobs SET done = done + $2, skipped = skipped + $3, updated_at = now() WHERE id = $1`, [jobId, done.size, items.length - done.size]);
        return true;
      });
      if (!more) break;
    }
    this.logger.log({ jobId, kind: job.kind }, 'bulk decision done');
  }
}

function paramsOf(request: BulkRequest): Record<string, unknown> {
  const { kind: _kind, ...rest } = request;
  return rest;
}

function requestOf(job: BulkJobEntity): BulkRequest {
  const p = job.params;
  const reason = typeof p.reason === 'string' ? p.reason : null;
  switch (job.kind) {
    case 'approve':
      return { kind: 'approve', reason };
    case 'reject':
      return { kind: 'reject', code: String(p.code), reason };
    case 'request_information':
      return { kind: 'request_information', items: (p.items as string[]) ?? [], cureBy: String(p.cureBy), reason };
    case 'assign':
      return { kind: 'assign', assigneeId: typeof p.assigneeId === 'string' ? p.assigneeId : null };
  }
}
