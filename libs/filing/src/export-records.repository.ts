import { Injectable } from '@nestjs/common';
import { FirmScope, sqlRows } from '@app/database';

export type ExportKind = 'plaintiffs-csv' | 'plaintiffs-xlsx' | 'proof-pack';

/**
 * export_records: every export of personal data with the reason given. The row is written
 * (committed) before the first byte is read, and completed with the row count and the file's
 * SHA-256 when the last byte is out; a download cut short stays unfinished, which is the truth.
 */
@Injectable()
export class ExportRecordsRepository {
  constructor(private readonly scope: FirmScope) {}

  async start(firmId: string, record: { id: string; staffId: string; kind: ExportKind; batchId: string | null; claimId: string | null; reason: string }): Promise<void> {
    await this.scope.run(firmId, (tx) =>
      tx.manager.query(`INSERT INTO export_records (id, firm_id, staff_id, kind, batch_id, claim_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        record.id, firmId, record.staffId, record.kind, record.batchId, record.claimId, record.reason,
      ]),
    );
  }

  async finish(firmId: string, id: string, rows: number, sha256: Buffer): Promise<void> {
    await this.scope.run(firmId, (tx) => tx.manager.query(`UPDATE export_records SET rows = $2, sha256 = $3, finished_at = now() WHERE id = $1`, [id, rows, sha256]));
  }

  /** The latest exports of a batch, for its page. */
  recent(firmId: string, batchId: string): Promise<{ kind: ExportKind; staffId: string; reason: string; rows: number | null; sha256: string | null; createdAt: Date; finishedAt: Date | null }[]> {
    return this.scope.run(firmId, (tx) =>
      sqlRows(
        tx.manager,
        `SELECT kind, staff_id AS "staffId", reason, rows, encode(sha256, 'hex') AS sha256, created_at AS "createdAt", finished_at AS "finishedAt"
           FROM export_records WHERE batch_id = $1 ORDER BY created_at DESC LIMIT 20`,
        [batchId],
      ),
    );
  }
}
