import { Injectable } from '@nestjs/common';
import { FirmScope, sqlRows } from '@app/database';

/** Downloads of figures or of the access log that are not plaintiff data (those are the filing area's). */
export type AuditedExportKind = 'access-log' | 'weekly-report';

/**
 * Records a download with the reason asked for (PIPA: downloads need a recorded reason), before
 * the file is sent; the row count is filled in once the file has been written.
 */
@Injectable()
export class AuditedExports {
  constructor(private readonly scope: FirmScope) {}

  async start(firmId: string, input: { staffId: string; kind: AuditedExportKind; reason: string }): Promise<string> {
    const [row] = await this.scope.run(firmId, (tx) =>
      sqlRows<{ id: string }>(
        tx.manager,
        `INSERT INTO export_records (id, firm_id, staff_id, kind, reason) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
        [firmId, input.staffId, input.kind, input.reason],
      ),
    );
    return row.id;
  }

  async finish(firmId: string, id: string, rows: number): Promise<void> {
    await this.scope.run(firmId, (tx) => tx.manager.query(`UPDATE export_records SET rows = $2, finished_at = now() WHERE id = $1`, [id, rows]));
  }
}
