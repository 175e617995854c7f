import { Injectable } from '@nestjs/common';
import { FirmScope, FirmTx, sqlRows } from '@app/database';
import { type ChainBreak, checkpointBreak, type ChainRow, findBreak } from './access-chain';
import { AccessLogEntity } from './access-log.entity';

export interface ChainReport {
  firmId: string;
  /** Rows this verification read and found holding (before the break, if there is one). */
  rows: number;
  head: { seq: string; hash: string } | null;
  firstBreak: ChainBreak | null;
  /** Where it started: null from the chain's first row, else the verified head it continued from. */
  since: { seq: string; verifiedAt: Date } | null;
}

/** The newest full verification of a firm's chain, as recorded. */
export interface FullVerification {
  verifiedAt: Date;
  verifiedBy: string | null;
  rows: number;
  headSeq: string | null;
  firstBreak: ChainBreak | null;
}

const PAGE = 5_000;

/**
 * Verifies a firm's access-log chain in Node, outside the database that wrote it, and records
 * each verification (access_log_verifications, see its migration for the two kinds and why).
 * Reads run in one repeatable snapshot of the firm's rows; the record is written after.
 */
@Injectable()
export class ChainVerifier {
  constructor(private readonly scope: FirmScope) {}

  /** Recomputes the whole chain from its first row. `by` is the staff member who asked, if one did. */
  async verifyAll(firmId: string, by: string | null = null): Promise<ChainReport> {
    const report = await this.scope.run(firmId, (tx) => this.walk(tx, firmId, null, null));
    await this.remember(firmId, 'full', report, by);
    return report;
  }

  /**
   * Checks the rows written since the newest verified head, and that the head's row is still
   * there as it was verified; from the first row when nothing was verified yet.
   */
  async verifySinceCheckpoint(firmId: string, by: string | null = null): Promise<ChainReport> {
    const [checkpoint] = await this.scope.run(firmId, (tx) =>
      sqlRows<{ seq: string; hash: Buffer; at: Date }>(
        tx.manager,
        `SELECT head_seq::text AS seq, head_hash AS hash, verified_at AS at FROM access_log_verifications
          WHERE firm_id = $1 AND head_seq IS NOT NULL ORDER BY head_seq DESC LIMIT 1`,
        [firmId],
      ),
    );
    // Nothing verified yet: this visit recomputes everything, and is the firm's first full verification.
    if (!checkpoint) return this.verifyAll(firmId, by);
    const since = { seq: checkpoint.seq, verifiedAt: checkpoint.at };
    const report = await this.scope.run(firmId, async (tx): Promise<ChainReport> => {
      const [row] = await this.page(tx, BigInt(checkpoint.seq) - 1n, 1);
      const broken = checkpointBreak(row, checkpoint);
      if (broken) return { firmId, rows: 0, head: null, firstBreak: broken, since };
      return this.walk(tx, firmId, { seq: BigInt(checkpoint.seq), hash: checkpoint.hash }, since);
    });
    // A visit that found nothing new adds nothing: the checkpoint it started from still says it all.
    if (report.rows > 0 || report.firstBreak) await this.remember(firmId, 'since_checkpoint', report, by);
    return report;
  }

  async lastFull(firmId: string): Promise<FullVerification | null> {
    const [row] = await this.scope.run(firmId, (tx) =>
      sqlRows<{ at: Date; by: string | null; rows: string; headSeq: string | null; breakId: string | null; breakSeq: string | null; problem: ChainBreak['problem'] | null }>(
        tx.manager,
        `SELECT verified_at AS at, verified_by::text AS by, rows::text, head_seq::text AS "headSeq", break_id::text AS "breakId", break_seq::text AS "breakSeq",
                break_problem AS problem
           FROM access_log_verifications WHERE firm_id = $1 AND kind = 'full' ORDER BY id DESC LIMIT 1`,
        [firmId],
      ),
    );
    if (!row) return null;
    const firstBreak = row.problem && row.breakSeq ? { id: row.breakId, chainSeq: row.breakSeq, problem: row.problem } : null;
    return { verifiedAt: row.at, verifiedBy: row.by, rows: Number(row.rows), headSeq: row.headSeq, firstBreak };
  }

  private async walk(tx: FirmTx, firmId: string, start: { seq: bigint; hash: Buffer } | null, since: ChainReport['since']): Promise<ChainReport> {
    let previous = start;
    let rows = 0;
    for (;;) {
      const page = await this.page(tx, previous?.seq ?? 0n, PAGE);
      if (page.length === 0) break;
      const broken = findBreak(page, previous);
      if (broken) return { firmId, rows: rows + page.findIndex((r) => r.id === broken.id), head: null, firstBreak: broken, since };
      rows += page.length;
      const last = page[page.length - 1];
      previous = { seq: BigInt(last.chainSeq), hash: last.hash };
    }
    return { firmId, rows, head: previous && { seq: previous.seq.toString(), hash: previous.hash.toString('hex') }, firstBreak: null, since };
  }

  private async remember(firmId: string, kind: 'full' | 'since_checkpoint', report: ChainReport, by: string | null): Promise<void> {
    const b = report.firstBreak;
    await this.scope.run(firmId, (tx) =>
      tx.manager.query(
        `INSERT INTO access_log_verifications (firm_id, kind, from_seq, rows, head_seq, head_hash, break_id, break_seq, break_problem, verified_by)
         VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), $7, $8, $9, $10)`,
        [firmId, kind, report.since?.seq ?? 0, report.rows, report.head?.seq ?? null, report.head?.hash ?? null, b?.id ?? null, b?.chainSeq ?? null, b?.problem ?? null, by],
      ),
    );
  }

  /** Rows after `afterSeq` in chain order, each field as the text the chain hashes. */
  private page(tx: FirmTx, afterSeq: bigint, limit: number): Promise<ChainRow[]> {
    return tx.manager
      .getRepository(AccessLogEntity)
      .createQueryBuilder('a')
      .select('a.id::text', 'id')
      .addSelect('a.chain_seq::text', 'chainSeq')
      .addSelect('a.firm_id::text', 'firmId')
      .addSelect(`to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'at')
      .addSelect('a.actor_type', 'actorType')
      .addSelect('a.actor_id', 'actorId')
      .addSelect('host(a.ip)', 'ip')
      .addSelect('a.subject_claimant_id::text', 'subjectClaimantId')
      .addSelect('a.subject_count::text', 'subjectCount')
      .addSelect('a.action', 'action')
      .addSelect(`array_to_string(a.fields, ',')`, 'fields')
      .addSelect('a.reason', 'reason')
      .addSelect('a.prev_hash', 'prevHash')
      .addSelect('a.hash', 'hash')
      .where('a.chain_seq > :afterSeq', { afterSeq: afterSeq.toString() })
      .orderBy('a.chain_seq')
      .limit(limit)
      .getRawMany<ChainRow>();
  }
}
