import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { MemberCursor } from '@app/claimants';
import { type FirmTx, sqlRows, uniqueViolation } from '@app/database';
import { OutboxService } from '@app/queue';
import { batchBusy } from './batch-errors';
import type { BatchJob } from './batch-job';
import { BATCH_WORK_REQUESTED } from './filing.queue';

const COLUMNS = `id, batch_id AS "batchId", kind, requested, done, amount_won::text AS "amountWon", cursor_created_at AS "cursorCreatedAt", cursor_id AS "cursorId",
  status, outcome, started_by AS "startedBy", started_at AS "startedAt", finished_at AS "finishedAt"`;

type Row = Omit<BatchJob, 'amountWon' | 'cursor'> & { amountWon: string; cursorCreatedAt: string | null; cursorId: string | null };

const toJob = ({ cursorCreatedAt, cursorId, amountWon, ...row }: Row): BatchJob => ({
  ...row,
  amountWon: Number(amountWon),
  cursor: cursorCreatedAt && cursorId ? { createdAt: cursorCreatedAt, id: cursorId } : null,
});

/** batch_jobs: work on a batch handed to the worker. Firm-scoped through the caller's transaction. */
@Injectable()
export class BatchJobsRepository {
  constructor(private readonly outbox: OutboxService) {}

  /**
   * A job for the worker, with its outbox entry, in the caller's transaction (which holds the
   * batch's lock). A batch with a job running already is refused.
   */
  async start(tx: FirmTx, job: { batchId: string; kind: 'fill' | 'lock'; requested: number | null; startedBy: string }): Promise<string> {
    const id = uuidv7();
    try {
      await tx.manager.query(
        `INSERT INTO batch_jobs (id, firm_id, batch_id, kind, requested, started_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, tx.firmId, job.batchId, job.kind, job.requested, job.startedBy],
      );
    } catch (error) {
      if (uniqueViolation(error) === 'batch_jobs_running_uq') throw batchBusy();
      throw error;
    }
    await this.outbox.enqueue(tx, [{ topic: BATCH_WORK_REQUESTED, aggregateId: id }]);
    return id;
  }

  async running(tx: FirmTx, batchId: string): Promise<boolean> {
    const rows = await tx.manager.query(`SELECT 1 FROM batch_jobs WHERE batch_id = $1 AND status = 'running'`, [batchId]);
    return (rows as unknown[]).length > 0;
  }

  /** The job, row-locked when `lock` (take the batch's lock first). */
  async find(tx: FirmTx, id: string, lock = false): Promise<BatchJob | null> {
    const [row] = await sqlRows<Row>(tx.manager, `SELECT ${COLUMNS} FROM batch_jobs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toJob(row) : null;
  }

  /** The batch's running job, else its latest. */
  async latest(tx: FirmTx, batchId: string): Promise<BatchJob | null> {
    const [row] = await sqlRows<Row>(tx.manager, `SELECT ${COLUMNS} FROM batch_jobs WHERE batch_id = $1 ORDER BY status = 'running' DESC, started_at DESC LIMIT 1`, [batchId]);
    return row ? toJob(row) : null;
  }

  /** A fill's step: its count, sum and cursor, committed with the claims it moved. */
  async advance(tx: FirmTx, id: string, step: { added: number; amountWon: number; cursor: MemberCursor | null }, finished: boolean): Promise<void> {
    await tx.manager.query(
      `UPDATE batch_jobs SET done = done + $2, amount_won = amount_won + $3, cursor_created_at = $4, cursor_id = $5, updated_at = now(),
              status = CASE WHEN $6 THEN 'done' ELSE status END, finished_at = CASE WHEN $6 THEN now() ELSE NULL END
        WHERE id = $1`,
      [id, step.added, step.amountWon, step.cursor?.createdAt ?? null, step.cursor?.id ?? null, finished],
    );
  }

  async finish(tx: FirmTx, id: string, status: 'done' | 'stopped', outcome: Record<string, unknown>): Promise<void> {
    await tx.manager.query(`UPDATE batch_jobs SET status = $2, outcome = $3, updated_at = now(), finished_at = now() WHERE id = $1 AND status = 'running'`, [id, status, outcome]);
  }

  /** Running jobs that have not moved since `before`: lost with Redis's data. */
  async findStale(tx: FirmTx, before: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(tx.manager, `SELECT id FROM batch_jobs WHERE firm_id = $1 AND status = 'running' AND updated_at < $2 LIMIT $3`, [tx.firmId, before, limit]);
    return rows.map((r) => r.id);
  }
}
