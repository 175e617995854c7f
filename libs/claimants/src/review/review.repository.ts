import { Injectable } from '@nestjs/common';
import { type FirmTx, sqlRows } from '@app/database';
import type { ClaimStatus } from '../claim-status';
import { ClaimAssessmentEntity } from '../entities/claim-assessment.entity';
import { ClaimDecisionEntity, type DecisionKind } from '../entities/claim-decision.entity';
import { ClaimFlagEntity } from '../entities/claim-flag.entity';
import { ClaimNoteEntity } from '../entities/claim-note.entity';

export interface NewDecision {
  claimId: string;
  staffId: string;
  kind: DecisionKind;
  reason: string | null;
  details: Record<string, unknown>;
  bulkJobId: string | null;
}

/** What a decision reads of each claim it is about, locked for the decision's transaction. */
export interface DecidableClaim {
  id: string;
  caseId: string;
  status: ClaimStatus;
  batchId: string | null;
  locale: 'ko' | 'en';
  estimateWon: number | null;
}

/** The review's own rows (decisions, notes) and the review columns it changes on a claim. */
@Injectable()
export class ReviewRepository {
  /** The claims, locked in id order (two decisions over overlapping sets cannot deadlock). */
  lockForDecision(tx: FirmTx, claimIds: string[]): Promise<DecidableClaim[]> {
    return sqlRows<DecidableClaim>(
      tx.manager,
      `SELECT id, case_id AS "caseId", status, batch_id AS "batchId", locale, estimate_won AS "estimateWon"
         FROM claims WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [claimIds],
    );
  }

  /** The latest assessment of each claim. */
  latestAssessments(tx: FirmTx, claimIds: string[]): Promise<ClaimAssessmentEntity[]> {
    if (claimIds.length === 0) return Promise.resolve([]);
    return tx.manager
      .createQueryBuilder(ClaimAssessmentEntity, 'a')
      .distinctOn(['a.claimId'])
      .where('a.claimId IN (:...claimIds)', { claimIds })
      .orderBy('a.claimId')
      .addOrderBy('a.id', 'DESC')
      .getMany();
  }

  /** A staff request is a new fact: each claim's facts version goes up by one; returns the new versions. */
  async recordStaffRequest(tx: FirmTx, claimIds: string[]): Promise<Map<string, number>> {
    const rows = await sqlRows<{ id: string; factsVersion: number }>(
      tx.manager,
      `UPDATE claims SET facts_version = facts_version + 1, last_fact = 'staff-request', updated_at = now()
        WHERE id = ANY($1::uuid[]) RETURNING id, facts_version AS "factsVersion"`,
      [claimIds],
    );
    return new Map(rows.map((r) => [r.id, r.factsVersion]));
  }

  /**
   * Writes decisions, one statement for many. A bulk job's decision is one per claim and job,
   * so a retried chunk adds nothing; returns the claims that got a decision row.
   */
  async insertDecisions(tx: FirmTx, rows: NewDecision[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const inserted = await sqlRows<{ claimId: string; id: string }>(
      tx.manager,
      `INSERT INTO claim_decisions (firm_id, claim_id, staff_id, kind, reason, details, bulk_job_id)
       SELECT $1, t."claimId", t."staffId", t.kind, t.reason, t.details, t."bulkJobId"
         FROM jsonb_to_recordset($2::jsonb) AS t("claimId" uuid, "staffId" uuid, kind text, reason text, details jsonb, "bulkJobId" uuid)
       ON CONFLICT (bulk_job_id, claim_id) WHERE bulk_job_id IS NOT NULL DO NOTHING
       RETURNING claim_id AS "claimId", id::text`,
      [tx.firmId, JSON.stringify(rows)],
    );
    return new Map(inserted.map((r) => [r.claimId, r.id]));
  }

  decisions(tx: FirmTx, claimId: string): Promise<ClaimDecisionEntity[]> {
    return tx.manager.find(ClaimDecisionEntity, { where: { claimId }, order: { id: 'ASC' } });
  }

  /** The latest decision of a kind on a claim (what its email tells the claimant). */
  latestDecision(tx: FirmTx, claimId: string, kind: DecisionKind): Promise<ClaimDecisionEntity | null> {
    return tx.manager.findOne(ClaimDecisionEntity, { where: { claimId, kind }, order: { id: 'DESC' } });
  }

  async markDecided(tx: FirmTx, claimIds: string[]): Promise<void> {
    if (claimIds.length) await tx.manager.query(`UPDATE claims SET decided_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`, [claimIds]);
  }

  async setAssignee(tx: FirmTx, claimIds: string[], assigneeId: string | null): Promise<void> {
    if (claimIds.length) await tx.manager.query(`UPDATE claims SET assignee_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [claimIds, assigneeId]);
  }

  /** An attorney's amount: in force from now on, whatever later estimates say. */
  async overrideEstimate(tx: FirmTx, claimId: string, amountWon: number): Promise<void> {
    await tx.manager.query(`UPDATE claims SET estimate_override_won = $2, estimate_won = $2, updated_at = now() WHERE id = $1`, [claimId, amountWon]);
  }

  /** Marks a claim's open flags as looked at; returns how many there were. */
  async resolveFlags(tx: FirmTx, claimId: string, staffId: string): Promise<number> {
    const resolved = await sqlRows<{ id: string }>(
      tx.manager,
      `UPDATE claim_flags SET resolved_at = now(), resolved_by = $2 WHERE claim_id = $1 AND resolved_at IS NULL RETURNING id`,
      [claimId, `staff:${staffId}`],
    );
    await tx.manager.query(`UPDATE claims SET open_flags = 0, updated_at = now() WHERE id = $1`, [claimId]);
    return resolved.length;
  }

  flags(tx: FirmTx, claimId: string): Promise<ClaimFlagEntity[]> {
    return tx.manager.find(ClaimFlagEntity, { where: { claimId }, order: { id: 'ASC' } });
  }

  async insertNote(tx: FirmTx, note: Omit<ClaimNoteEntity, 'firmId' | 'createdAt'>): Promise<void> {
    await tx.manager.insert(ClaimNoteEntity, { ...note, firmId: tx.firmId });
  }

  notes(tx: FirmTx, claimId: string): Promise<ClaimNoteEntity[]> {
    return tx.manager.find(ClaimNoteEntity, { where: { claimId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
