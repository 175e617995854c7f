import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { FirmScope, FirmTx, sqlRows } from '@app/database';
import { OutboxService } from '@app/queue';
import { type ChainBreak, checkpointBreak, type ChainRow, findBreak } from './access-chain';
import { CHAIN_VERIFICATION_REQUESTED } from './audit.queue';

export interface ChainReport {
  firmId: string;
  /** Rows this verification read and found holding (before the break, if there is one). */
  rows: number;
  /** The last row found holding: where the next verification starts. */
  head: { seq: string; hash: string } | null;
  firstBreak: ChainBreak | null;
  /** Where it started: null from the chain's first row, else the verified head it continued from. */
  since: { seq: string; verifiedAt: Date } | null;
  /** Rows after `head` it left for the next visit (it reads at most VISIT_ROWS). */
  remaining: number;
}

/** A full recomputation, finished or running, as recorded. */
export interface FullVerification {
  id: string;
  status: 'running' | 'done';
  requestedAt: Date;
  finishedAt: Date | null;
  verifiedBy: string | null;
  /** Rows found holding so far (running) or in all (done). */
  rows: number;
  headSeq: string | null;
  firstBreak: ChainBreak | null;
}

/** Rows read per query. */
const PAGE = 5_000;
/**
 * Rows a visit reads at most: about 2.5 s on two cores (bench:access-log), so the page answers
 * well within the API's 10 s idle timeout even after a surge; the rest is read on the next visit.
 */
export const VISIT_ROWS = 200_000;

type Checkpoint = { seq: string; hash: Buffer; at: Date };

/**
 * Verifies a firm's access-log chain in Node, outside the database that wrote it, and records
 * each verification (access_log_verifications: see its migration for the two kinds and why).
 */
@Injectable()
export class ChainVerifier {
  constructor(
    private readonly scope: FirmScope,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Checks that the newest verified head is still there as it was, and up to VISIT_ROWS rows
   * after it; from the first row when nothing was verified yet. Recorded when it read something.
   */
  async verifySinceCheckpoint(firmId: string, by: string | null = null, maxRows = VISIT_ROWS): Promise<ChainReport> {
    const report = await this.scope.run(firmId, async (tx): Promise<ChainReport> => {
      const checkpoint = await this.checkpoint(tx);
      if (!checkpoint) return this.walk(tx, null, null, maxRows);
      const since = { seq: checkpoint.seq, verifiedAt: checkpoint.at };
      const [row] = await this.page(tx, BigInt(checkpoint.seq) - 1n, 1);
      const broken = checkpointBreak(row, checkpoint);
      if (broken) return { firmId, rows: 0, head: null, firstBreak: broken, since, remaining: 0 };
      return this.walk(tx, { seq: BigInt(checkpoint.seq), hash: checkpoint.hash }, since, maxRows);
    });
    // A visit that found nothing new adds nothing: the checkpoint it started from still says it all.
    if (report.rows > 0 || report.firstBreak) await this.recordDone(firmId, 'since_checkpoint', report, by);
    return report;
  }

  /** Recomputes the whole chain from its first row, here and now (`npm run audit:verify`), and records it. */
  async verifyAll(firmId: string, by: string | null = null): Promise<ChainReport> {
    const report = await this.scope.run(firmId, (tx) => this.walk(tx, null, null, Number.MAX_SAFE_INTEGER));
    await this.recordDone(firmId, 'full', report, by);
    return report;
  }

  /** Asks the worker for a full recomputation; the one already running if there is one. */
  async requestFull(firmId: string, by: string): Promise<{ id: string; started: boolean }> {
    return this.scope.run(firmId, async (tx) => {
      const id = uuidv7();
      const [inserted] = await sqlRows<{ id: string }>(
        tx.manager,
        `INSERT INTO access_log_verifications (id, firm_id, kind, status, from_seq, verified_by) VALUES ($1, $2, 'full', 'running', 0, $3)
         ON CONFLICT (firm_id) WHERE kind = 'full' AND status = 'running' DO NOTHING RETURNING id`,
        [id, tx.firmId, by],
      );
      if (!inserted) {
        const [running] = await sqlRows<{ id: string }>(tx.manager, `SELECT id FROM access_log_verifications WHERE firm_id = $1 AND kind = 'full' AND status = 'running'`, [tx.firmId]);
        return { id: running.id, started: false };
      }
      await this.outbox.enqueue(tx, [{ topic: CHAIN_VERIFICATION_REQUESTED, aggregateId: id }]);
      return { id, started: true };
    });
  }

  /**
   * The worker's side of requestFull: walks the chain a page at a time, recording its place and
   * count with each page, so a retried job resumes there; finishes the row with what it found.
   */
  async runFull(firmId: string, verificationId: string): Promise<void> {
    for (;;) {
      const more = await this.scope.run(firmId, async (tx) => {
        const [run] = await sqlRows<{ status: string; rows: string; seq: string | null; hash: Buffer | null }>(
          tx.manager,
          `SELECT status, rows::text, progress_seq::text AS seq, progress_hash AS hash FROM access_log_verifications WHERE id = $1 AND kind = 'full' FOR UPDATE`,
          [verificationId],
        );
        if (!run || run.status !== 'running') return false;
        const previous = run.seq && run.hash ? { seq: BigInt(run.seq), hash: run.hash } : null;
        // A page a transaction, its place recorded with it.
        const step = await this.walk(tx, previous, null, PAGE);
        const rows = Number(run.rows) + step.rows;
        if (step.firstBreak || step.remaining === 0) {
          await this.finish(tx, verificationId, rows, step.head, step.firstBreak);
          return false;
        }
        await tx.manager.query(`UPDATE access_log_verifications SET rows = $2, progress_seq = $3, progress_hash = decode($4, 'hex'), updated_at = now() WHERE id = $1`, [
          verificationId, rows, step.head!.seq, step.head!.hash,
        ]);
        return true;
      });
      if (!more) return;
    }
  }

  /** The newest finished full recomputation, and the one running now (if any). */
  async fullVerifications(firmId: string): Promise<{ last: FullVerification | null; running: FullVerification | null }> {
    const rows = await this.scope.run(firmId, (tx) =>
      sqlRows<{ id: string; status: 'running' | 'done'; requestedAt: Date; finishedAt: Date | null; by: string | null; rows: string; headSeq: string | null; breakId: string | null; breakSeq: string | null; problem: ChainBreak['problem'] | null }>(
        tx.manager,
        `(SELECT id, status, requested_at AS "requestedAt", finished_at AS "finishedAt", verified_by::text AS by, rows::text, head_seq::text AS "headSeq",
                 break_id::text AS "breakId", break_seq::text AS "breakSeq", break_problem AS problem
            FROM access_log_verifications WHERE firm_id = $1 AND kind = 'full' AND status = 'done' ORDER BY finished_at DESC LIMIT 1)
         UNION ALL
         (SELECT id, status, requested_at, finished_at, verified_by::text, rows::text, head_seq::text, break_id::text, break_seq::text, break_problem
            FROM access_log_verifications WHERE firm_id = $1 AND kind = 'full' AND status = 'running')`,
        [firmId],
      ),
    );
    const view = (r: (typeof rows)[number]): FullVerification => ({
      id: r.id, status: r.status, requestedAt: r.requestedAt, finishedAt: r.finishedAt, verifiedBy: r.by, rows: Number(r.rows), headSeq: r.headSeq,
      firstBreak: r.problem && r.breakSeq ? { id: r.breakId, chainSeq: r.breakSeq, problem: r.problem } : null,
    });
    const last = rows.find((r) => r.status === 'done');
    const running = rows.find((r) => r.status === 'running');
    return { last: last ? view(last) : null, running: running ? view(running) : null };
  }

  /** Running full recomputations whose job has not moved since `before`: lost with Redis's data. */
  async findStale(tx: FirmTx, before: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      tx.manager,
      `SELECT id FROM access_log_verifications WHERE firm_id = $1 AND kind = 'full' AND status = 'running' AND updated_at < $2 LIMIT $3`,
      [tx.firmId, before, limit],
    );
    return rows.map((r) => r.id);
  }

  private async checkpoint(tx: FirmTx): Promise<Checkpoint | undefined> {
    const [checkpoint] = await sqlRows<Checkpoint>(
      tx.manager,
      `SELECT head_seq::text AS seq, head_hash AS hash, finished_at AS at FROM access_log_verifications
        WHERE firm_id = $1 AND head_seq IS NOT NULL ORDER BY head_seq DESC LIMIT 1`,
      [tx.firmId],
    );
    return checkpoint;
  }

  private async walk(tx: FirmTx, start: { seq: bigint; hash: Buffer } | null, since: ChainReport['since'], maxRows: number): Promise<ChainReport> {
    let previous = start;
    let rows = 0;
    while (rows < maxRows) {
      const page = await this.page(tx, previous?.seq ?? 0n, Math.min(PAGE, maxRows - rows));
      if (page.length === 0) break;
      const broken = findBreak(page, previous);
      if (broken) return { firmId: tx.firmId, rows: rows + page.findIndex((r) => r.id === broken.id), head: null, firstBreak: broken, since, remaining: 0 };
      rows += page.length;
      const last = page[page.length - 1];
      previous = { seq: BigInt(last.chainSeq), hash: last.hash };
    }
    const remaining = rows < maxRows ? 0 : await this.rowsAfter(tx, previous?.seq ?? 0n);
    return { firmId: tx.firmId, rows, head: previous && { seq: previous.seq.toString(), hash: previous.hash.toString('hex') }, firstBreak: null, since, remaining };
  }

  /** The chain's rows after `seq` (the chain's last seq minus it: seqs have no gaps where it holds). */
  private async rowsAfter(tx: FirmTx, seq: bigint): Promise<number> {
    const [{ last }] = await sqlRows<{ last: string | null }>(tx.manager, `SELECT max(chain_seq)::text AS last FROM access_log WHERE firm_id = $1`, [tx.firmId]);
    return last === null ? 0 : Math.max(0, Number(BigInt(last) - seq));
  }

  private async recordDone(firmId: string, kind: 'full' | 'since_checkpoint', report: ChainReport, by: string | null): Promise<void> {
    await this.scope.run(firmId, async (tx) => {
      const id = uuidv7();
      await tx.manager.query(
        `INSERT INTO access_log_verifications (id, firm_id, kind, status, from_seq, verified_by) VALUES ($1, $2, $3, 'running', $4, $5)`,
        [id, firmId, kind, report.since?.seq ?? 0, by],
      );
      await this.finish(tx, id, report.rows, report.head, report.firstBreak);
    });
  }

  private async finish(tx: FirmTx, id: string, rows: number, head: ChainReport['head'], broken: ChainBreak | null): Promise<void> {
    await tx.manager.query(
      `UPDATE access_log_verifications SET status = 'done', rows = $2, head_seq = $3, head_hash = decode($4, 'hex'), break_id = $5, break_seq = $6, break_problem = $7,
              updated_at = now(), finished_at = now()
        WHERE id = $1`,
      [id, rows, head?.seq ?? null, head?.hash ?? null, broken?.id ?? null, broken?.chainSeq ?? null, broken?.problem ?? null],
    );
  }

  /** Rows after `afterSeq` in chain order, each field as the text the chain hashes. Names the firm: the index is (firm_id, chain_seq). */
  private page(tx: FirmTx, afterSeq: bigint, limit: number): Promise<ChainRow[]> {
    return sqlRows<ChainRow>(
      tx.manager,
      `SELECT a.id::text AS id, a.chain_seq::text AS "chainSeq", a.firm_id::text AS "firmId", to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
              a.actor_type AS "actorType", a.actor_id AS "actorId", host(a.ip) AS ip, a.subject_claimant_id::text AS "subjectClaimantId",
              a.subject_count::text AS "subjectCount", a.action, array_to_string(a.fields, ',') AS fields, a.reason, a.prev_hash AS "prevHash", a.hash
         FROM access_log a WHERE a.firm_id = $1 AND a.chain_seq > $2 ORDER BY a.chain_seq LIMIT $3`,
      [tx.firmId, afterSeq.toString(), limit],
    );
  }
}
