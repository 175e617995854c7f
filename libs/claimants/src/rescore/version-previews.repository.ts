import { Injectable } from '@nestjs/common';
import { FirmTx, sqlRows } from '@app/database';
import type { PreviewTally } from './preview-tally';

/** A dry run of re-scoring, as stored in version_previews. */
export interface VersionPreviewRow {
  id: string;
  caseId: string;
  fromVersion: number | null;
  toVersion: number;
  status: 'running' | 'done';
  total: number | null;
  done: number;
  tally: Partial<PreviewTally>;
  cursor: string | null;
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `id, case_id AS "caseId", from_version AS "fromVersion", to_version AS "toVersion", status, total, done, tally, cursor,
  requested_by AS "requestedBy", created_at AS "createdAt", updated_at AS "updatedAt", finished_at AS "finishedAt"`;

/** The version_previews table's one owner. */
@Injectable()
export class VersionPreviews {
  async find(tx: FirmTx, id: string, lock = false): Promise<VersionPreviewRow | null> {
    const [row] = await sqlRows<VersionPreviewRow>(tx.manager, `SELECT ${COLUMNS} FROM version_previews WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  /** A preview of the same change still running (asking twice starts nothing new). */
  async running(tx: FirmTx, caseId: string, fromVersion: number | null, toVersion: number): Promise<VersionPreviewRow | null> {
    const [row] = await sqlRows<VersionPreviewRow>(
      tx.manager,
      `SELECT ${COLUMNS} FROM version_previews WHERE case_id = $1 AND from_version IS NOT DISTINCT FROM $2 AND to_version = $3 AND status = 'running'
        ORDER BY created_at DESC LIMIT 1`,
      [caseId, fromVersion, toVersion],
    );
    return row ?? null;
  }

  latest(tx: FirmTx, caseId: string, limit: number): Promise<VersionPreviewRow[]> {
    return sqlRows<VersionPreviewRow>(tx.manager, `SELECT ${COLUMNS} FROM version_previews WHERE case_id = $1 ORDER BY created_at DESC LIMIT $2`, [caseId, limit]);
  }

  async insert(tx: FirmTx, row: Pick<VersionPreviewRow, 'id' | 'caseId' | 'fromVersion' | 'toVersion' | 'requestedBy'>): Promise<void> {
    await tx.manager.query(
      `INSERT INTO version_previews (id, firm_id, case_id, from_version, to_version, requested_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, tx.firmId, row.caseId, row.fromVersion, row.toVersion, row.requestedBy],
    );
  }

  async setTotal(tx: FirmTx, id: string, total: number): Promise<void> {
    await tx.manager.query(`UPDATE version_previews SET total = $2, updated_at = now() WHERE id = $1 AND total IS NULL`, [id, total]);
  }

  async advance(tx: FirmTx, id: string, cursor: string, done: number, tally: PreviewTally): Promise<void> {
    await tx.manager.query(`UPDATE version_previews SET cursor = $2, done = done + $3, tally = $4, updated_at = now() WHERE id = $1`, [id, cursor, done, JSON.stringify(tally)]);
  }

  async finish(tx: FirmTx, id: string): Promise<void> {
    await tx.manager.query(`UPDATE version_previews SET status = 'done', finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'running'`, [id]);
  }

  /** Previews still running whose last step is older than `before`: their job was lost. */
  async findStale(tx: FirmTx, before: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(tx.manager, `SELECT id FROM version_previews WHERE status = 'running' AND updated_at < $1 LIMIT $2`, [before, limit]);
    return rows.map((r) => r.id);
  }
}
