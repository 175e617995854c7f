import { Injectable } from '@nestjs/common';
import { type FirmTx, sqlRows } from '@app/database';
import type { FilingBatch } from './filing-batch';

const COLUMNS = `b.id, b.case_id AS "caseId", c.slug AS "caseSlug", b.number, b.name, b.status, b.plaintiffs, b.estimate_won::text AS "estimateWon",
  b.created_by AS "createdBy", b.created_at AS "createdAt", b.locked_at AS "lockedAt", b.filed_at AS "filedAt", encode(b.list_sha256, 'hex') AS "listSha256"`;

const toBatch = (row: FilingBatch & { estimateWon: string | number }): FilingBatch => ({ ...row, estimateWon: Number(row.estimateWon) });

/** filing_batches: a filing round's row. Firm-scoped through the caller's transaction. */
@Injectable()
export class FilingBatchesRepository {
  async list(tx: FirmTx, caseId: string | null): Promise<FilingBatch[]> {
    const rows = await sqlRows<FilingBatch>(
      tx.manager,
      `SELECT ${COLUMNS} FROM filing_batches b JOIN cases c ON c.id = b.case_id WHERE ($1::uuid IS NULL OR b.case_id = $1) ORDER BY c.slug, b.number DESC LIMIT 500`,
      [caseId],
    );
    return rows.map(toBatch);
  }

  /** The batch, row-locked when `lock` (every change to a batch or its members takes this lock first). */
  async find(tx: FirmTx, id: string, lock = false): Promise<FilingBatch | null> {
    if (lock) await tx.manager.query(`SELECT 1 FROM filing_batches WHERE id = $1 FOR UPDATE`, [id]);
    const rows = await sqlRows<FilingBatch>(tx.manager, `SELECT ${COLUMNS} FROM filing_batches b JOIN cases c ON c.id = b.case_id WHERE b.id = $1`, [id]);
    return rows[0] ? toBatch(rows[0]) : null;
  }

  /** A new open batch numbered after the case's last one (the case's batches are serialised by an advisory lock). */
  async create(tx: FirmTx, batch: { id: string; caseId: string; name: string; createdBy: string }): Promise<number> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('filing_batches:' || $1::text, 0))`, [batch.caseId]);
    const [row] = await sqlRows<{ number: number }>(
      tx.manager,
      `INSERT INTO filing_batches (id, firm_id, case_id, number, name, created_by)
       SELECT $1, $2, $3, COALESCE(max(number), 0) + 1, $4, $5 FROM filing_batches WHERE case_id = $3
       RETURNING number`,
      [batch.id, tx.firmId, batch.caseId, batch.name, batch.createdBy],
    );
    return row.number;
  }

  async addTotals(tx: FirmTx, id: string, plaintiffs: number, amountWon: number): Promise<void> {
    await tx.manager.query(`UPDATE filing_batches SET plaintiffs = plaintiffs + $2, estimate_won = estimate_won + $3 WHERE id = $1`, [id, plaintiffs, amountWon]);
  }

  async setTotals(tx: FirmTx, id: string, plaintiffs: number, amountWon: number): Promise<void> {
    await tx.manager.query(`UPDATE filing_batches SET plaintiffs = $2, estimate_won = $3 WHERE id = $1`, [id, plaintiffs, amountWon]);
  }

  async lock(tx: FirmTx, id: string, by: string, listSha256: Buffer): Promise<void> {
    await tx.manager.query(`UPDATE filing_batches SET status = 'locked', locked_by = $2, locked_at = now(), list_sha256 = $3 WHERE id = $1 AND status = 'open'`, [id, by, listSha256]);
  }

  async markFiled(tx: FirmTx, id: string, by: string): Promise<void> {
    await tx.manager.query(`UPDATE filing_batches SET status = 'filed', filed_by = $2, filed_at = now() WHERE id = $1 AND status = 'locked'`, [id, by]);
  }

  /** The firm's cases, for the batches page's case choice (cases are the cases module's; this reads their public facts only). */
  cases(tx: FirmTx): Promise<{ id: string; slug: string; titleKo: string; titleEn: string }[]> {
    return sqlRows(
      tx.manager,
      `SELECT c.id, c.slug, COALESCE(v.definition->'title'->>'ko', c.slug) AS "titleKo", COALESCE(v.definition->'title'->>'en', c.slug) AS "titleEn"
         FROM cases c LEFT JOIN case_versions v ON v.case_id = c.id AND v.version = c.active_version
        WHERE c.firm_id = $1 ORDER BY c.created_at, c.slug`,
      [tx.firmId],
    );
  }
}
