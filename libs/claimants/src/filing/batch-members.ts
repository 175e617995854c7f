import { Injectable } from '@nestjs/common';
import { type FirmTx, sqlRows } from '@app/database';
import type { ClaimStatus } from '../claim-status';
import { ClaimsRepository } from '../claims.repository';

/** Where a keyset page of a batch's members starts: after this (created_at, id). */
export interface MemberCursor {
  createdAt: string;
  id: string;
}

/** A member as the batch page lists it: no personal data. */
export interface BatchMemberRow {
  claimId: string;
  claimNumber: string;
  status: ClaimStatus;
  amountWon: number;
  createdAt: string;
}

/** A member as the lock hashes it (see ListMember in @app/filing). */
export interface BatchListRow {
  claimId: string;
  claimNumber: string;
  claimantId: string;
  amountWon: number;
  mandateSha256: string;
  createdAt: string;
}

/** The statuses a batch's member is filed with: anything else (withdrawn since, say) is left out of every export. */
export const PLAINTIFF_STATUSES: readonly ClaimStatus[] = ['approved', 'filed'];

/**
 * The claims side of a filing batch: which claims are in it (claims.batch_id belongs to the
 * claims module), set-based moves in and out, keyset pages over claims_batch_idx, and moving its
 * claims to filed through the status machine. Every method runs in the caller's firm
 * transaction, so the batch row's lock and these writes commit together.
 */
@Injectable()
export class BatchMembers {
  constructor(private readonly claims: ClaimsRepository) {}

  /**
   * Puts up to `limit` of the case's approved claims that are in no batch into `batchId`, oldest
   * first, in one statement (set-based, never a row at a time). Claims another transaction is
   * adding elsewhere are skipped, not waited for. A caller adding in steps passes the cursor the
   * previous step returned, so each step starts where the last ended instead of reading past
   * every claim already taken. Returns how many, their sum, and where this step ended.
   */
  async addApproved(tx: FirmTx, batchId: string, caseId: string, limit: number, after: MemberCursor | null = null): Promise<{ added: number; amountWon: number; last: MemberCursor | null }> {
    const [row] = await sqlRows<{ added: number; amountWon: string; lastCreatedAt: string | null; lastId: string | null }>(
      tx.manager,
      `WITH picked AS (
         SELECT id FROM claims
          WHERE case_id = $2 AND status = 'approved' AND batch_id IS NULL
            AND ($4::timestamptz IS NULL OR (created_at, id) > ($4::timestamptz, $5::uuid))
          ORDER BY created_at, id
          LIMIT $3
          FOR UPDATE SKIP LOCKED
       ), moved AS (
         UPDATE claims cl SET batch_id = $1, updated_at = now() FROM picked p WHERE cl.id = p.id RETURNING cl.id, cl.created_at, cl.estimate_won
       ), last AS (
         SELECT id, created_at FROM moved ORDER BY created_at DESC, id DESC LIMIT 1
       )
       SELECT (SELECT count(*) FROM moved)::int AS added, (SELECT COALESCE(sum(estimate_won), 0) FROM moved)::text AS "amountWon",
              (SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM last) AS "lastCreatedAt", (SELECT id FROM last) AS "lastId"`,
      [batchId, caseId, limit, after?.createdAt ?? null, after?.id ?? null],
    );
    return { added: row.added, amountWon: Number(row.amountWon), last: row.lastId && row.lastCreatedAt ? { createdAt: row.lastCreatedAt, id: row.lastId } : null };
  }

  /** Takes one claim out of the batch; null if it was not in it. Returns what it counted for. */
  async remove(tx: FirmTx, batchId: string, claimId: string): Promise<{ status: ClaimStatus; amountWon: number } | null> {
    const rows = await sqlRows<{ status: ClaimStatus; amountWon: number }>(
      tx.manager,
      `UPDATE claims SET batch_id = NULL, updated_at = now() WHERE id = $1 AND batch_id = $2
       RETURNING status, COALESCE(estimate_won, 0) AS "amountWon"`,
      [claimId, batchId],
    );
    return rows[0] ?? null;
  }

  /** Takes out every member no longer approved (withdrawn, rejected since it was added): a lock files only live claims. */
  async releaseNotApproved(tx: FirmTx, batchId: string): Promise<number> {
    const rows = await sqlRows<{ n: number }>(
      tx.manager,
      `WITH gone AS (UPDATE claims SET batch_id = NULL, updated_at = now() WHERE batch_id = $1 AND status <> 'approved' RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [batchId],
    );
    return rows[0].n;
  }

  /** Members that will be filed (approved or filed) and their sum, and how many are left out. */
  async totals(tx: FirmTx, batchId: string): Promise<{ plaintiffs: number; amountWon: number; excluded: number }> {
    const [row] = await sqlRows<{ plaintiffs: number; amountWon: string; excluded: number }>(
      tx.manager,
      `SELECT count(*) FILTER (WHERE status = ANY($2::text[]))::int AS plaintiffs,
              COALESCE(sum(estimate_won) FILTER (WHERE status = ANY($2::text[])), 0)::text AS "amountWon",
              count(*) FILTER (WHERE status <> ALL($2::text[]))::int AS excluded
         FROM claims WHERE batch_id = $1`,
      [batchId, PLAINTIFF_STATUSES],
    );
    return { plaintiffs: row.plaintiffs, amountWon: Number(row.amountWon), excluded: row.excluded };
  }

  /** A page of members, every status, in the batch's order (for its page). */
  page(tx: FirmTx, batchId: string, after: MemberCursor | null, limit: number): Promise<BatchMemberRow[]> {
    return sqlRows<BatchMemberRow>(
      tx.manager,
      `SELECT id AS "claimId", claim_number AS "claimNumber", status, COALESCE(estimate_won, 0) AS "amountWon",
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"
         FROM claims
        WHERE batch_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [batchId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /** A page of the plaintiffs (approved or filed members) as the canonical list hashes them. */
  listPage(tx: FirmTx, batchId: string, after: MemberCursor | null, limit: number): Promise<BatchListRow[]> {
    return sqlRows<BatchListRow>(
      tx.manager,
      `SELECT cl.id AS "claimId", cl.claim_number AS "claimNumber", cl.claimant_id AS "claimantId", COALESCE(cl.estimate_won, 0) AS "amountWon",
              encode(s.document_sha256, 'hex') AS "mandateSha256",
              to_char(cl.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"
         FROM claims cl
         JOIN signatures s ON s.claim_id = cl.id AND s.document_kind = 'mandate'
        WHERE cl.batch_id = $1 AND cl.status = ANY($5::text[])
          AND ($2::timestamptz IS NULL OR (cl.created_at, cl.id) > ($2::timestamptz, $3::uuid))
        ORDER BY cl.created_at, cl.id LIMIT $4`,
      [batchId, after?.createdAt ?? null, after?.id ?? null, limit, PLAINTIFF_STATUSES],
    );
  }

  /** Whether the claim is one of the firm's (the transaction's) with a signed mandate: what a proof pack needs. */
  async isSigned(tx: FirmTx, claimId: string): Promise<boolean> {
    const rows = await sqlRows<{ one: number }>(tx.manager, `SELECT 1 AS one FROM signatures WHERE claim_id = $1 AND document_kind = 'mandate' LIMIT 1`, [claimId]);
    return rows.length > 0;
  }

  /**
   * Moves up to `limit` approved members to filed through the status machine (an event per
   * claim). The caller commits each page on its own, so a million claims are many short
   * transactions; a retry picks up the ones still approved. Returns how many moved.
   */
  async fileNext(tx: FirmTx, batchId: string, limit: number, actor: string, reason: string): Promise<number> {
    const ids = await sqlRows<{ id: string }>(
      tx.manager,
      `SELECT id FROM claims WHERE batch_id = $1 AND status = 'approved' ORDER BY created_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [batchId, limit],
    );
    const moved = await this.claims.moveStatuses(tx, ids.map((r) => ({ claimId: r.id, from: 'approved' as const, to: 'filed' as const })), actor, reason);
    return moved.length;
  }
}
