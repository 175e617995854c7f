import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { FirmTx, sqlRows } from '@app/database';
import type { Answers, Deficiency, Verdict } from '@app/eligibility';
import type { Verification } from '@app/evidence';
import type { ClaimStatus } from '../claim-status';
import { ClaimEntity } from '../entities/claim.entity';
import { RescoreRunEntity } from '../entities/rescore-run.entity';

/** A claim as re-scoring needs it: its answers, birth date envelope and latest assessment. */
export interface RescoreRow {
  claimId: string;
  status: ClaimStatus;
  answers: Answers;
  factsVersion: number;
  claimantId: string;
  firmId: string;
  birthDateEnc: Buffer;
  verification: Verification | null;
  verdict: Verdict | null;
  estimateWon: number | null;
  rulesVersion: string | null;
  modelVersion: string | null;
  /** The latest assessment's requests and deadline (YYYY-MM-DD): a staff member's request still open is kept by a re-scoring. */
  deficiencies: Deficiency[] | null;
  cureBy: string | null;
}

@Injectable()
export class RescoreRuns {
  find(tx: FirmTx, id: string, lock = false): Promise<RescoreRunEntity | null> {
    return tx.manager.findOne(RescoreRunEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  latest(tx: FirmTx, caseId: string, limit: number): Promise<RescoreRunEntity[]> {
    return tx.manager.find(RescoreRunEntity, { where: { caseId }, order: { startedAt: 'DESC' }, take: limit });
  }

  /** Creates the run unless a repeated job already did; returns the run as stored. */
  async start(tx: FirmTx, run: Pick<RescoreRunEntity, 'id' | 'caseId' | 'fromVersion' | 'toVersion' | 'status' | 'total'>): Promise<RescoreRunEntity> {
    await tx.manager.createQueryBuilder().insert().into(RescoreRunEntity).values({ ...run, firmId: tx.firmId, finishedAt: run.status === 'done' ? new Date() : null }).orIgnore().execute();
    return (await this.find(tx, run.id))!;
  }

  countClaims(tx: FirmTx, caseId: string): Promise<number> {
    return tx.manager.count(ClaimEntity, { where: { caseId } });
  }

  /** The next claims after `after`, in id order, each with its latest assessment. */
  loadChunk(tx: FirmTx, caseId: string, after: string | null, limit: number): Promise<RescoreRow[]> {
    return sqlRows<RescoreRow>(
      tx.manager,
      // The chunk's ids first, by the (case_id, id) index; then the joins for those rows only.
      // As one query the planner may join the whole case before taking the first rows.
      `WITH chunk AS MATERIALIZED (
         SELECT id FROM claims WHERE case_id = $1 AND id > $2::uuid ORDER BY id LIMIT $3
       )
       SELECT cl.id AS "claimId", cl.status, cl.answers, cl.facts_version AS "factsVersion", c.id AS "claimantId", c.firm_id AS "firmId",
              c.birth_date_enc AS "birthDateEnc", a.verification, a.verdict, a.estimate_won AS "estimateWon",
              a.rules_version AS "rulesVersion", a.model_version AS "modelVersion", a.deficiencies, to_char(a.cure_by, 'YYYY-MM-DD') AS "cureBy"
         FROM chunk
         JOIN claims cl ON cl.id = chunk.id
         JOIN claimants c ON c.id = cl.claimant_id
         LEFT JOIN LATERAL (
           SELECT verification, verdict, estimate_won, rules_version, model_version, deficiencies, cure_by FROM claim_assessments ca
            WHERE ca.claim_id = cl.id ORDER BY ca.id DESC LIMIT 1
         ) a ON true
        ORDER BY cl.id`,
      // A plain range (an "IS NULL OR" would hide the index from the planner).
      [caseId, after ?? '00000000-0000-0000-0000-000000000000', limit],
    );
  }

  async advance(tx: FirmTx, id: string, cursor: string, counts: { done: number; reassessed: number; moved: number; flagged: number }): Promise<void> {
    await tx.manager.query(
      `UPDATE rescore_runs SET cursor = $2, done = done + $3, reassessed = reassessed + $4, moved = moved + $5, flagged = flagged + $6, updated_at = now()
        WHERE id = $1`,
      [id, cursor, counts.done, counts.reassessed, counts.moved, counts.flagged],
    );
  }

  async finish(tx: FirmTx, id: string, status: 'done' | 'superseded'): Promise<void> {
    await tx.manager.update(RescoreRunEntity, { id, status: 'running' }, { status, finishedAt: new Date(), updatedAt: new Date() });
  }

  /** Runs still going whose last step is older than `before`: their job was lost. */
  async findStale(tx: FirmTx, before: Date, limit: number): Promise<string[]> {
    const rows = await tx.manager.find(RescoreRunEntity, { select: { id: true }, where: { status: 'running', updatedAt: LessThan(before) }, take: limit });
    return rows.map((r) => r.id);
  }
}
