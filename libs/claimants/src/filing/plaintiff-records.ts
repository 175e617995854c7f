import { Injectable } from '@nestjs/common';
import type { Accessor } from '@app/audit';
import { FirmScope, sqlRows } from '@app/database';
import { PersonalData } from '../personal-data';
import { type MemberCursor, PLAINTIFF_STATUSES } from './batch-members';

/** A plaintiff of a batch, opened: what the complaint's list shows. */
export interface Plaintiff {
  claimId: string;
  claimNumber: string;
  amountWon: number;
  mandateSignedAt: Date;
  name: string;
  birthDate: string;
  /** The stored address document (JSON). */
  address: string;
}

interface Row {
  claimId: string;
  claimNumber: string;
  amountWon: number;
  createdAt: string;
  signedAt: Date;
  claimantId: string;
  firmId: string;
  nameEnc: Buffer;
  birthDateEnc: Buffer;
  addressEnc: Buffer;
}

/** What the complaint's list of parties needs (see PLAINTIFF_COLUMNS in libs/filing): no contact details. */
const FIELDS = ['name', 'birthDate', 'address'] as const;

/**
 * A batch's plaintiffs for its list, page by page in the batch's order (claims_batch_idx), each
 * page's access written to the access log (one row per page with the staff member's reason, the
 * people it covers in access_log_subjects) and committed before that page is decrypted. While the caller writes one page out, the next
 * is already being read and recorded, so the database and the writer overlap; memory holds two
 * pages whatever the batch's size. Members no longer approved or filed are not plaintiffs.
 */
@Injectable()
export class PlaintiffRecords {
  constructor(
    private readonly scope: FirmScope,
    private readonly personalData: PersonalData,
  ) {}

  async *pages(firmId: string, batchId: string, accessor: Accessor & { kind: 'staff' }, pageSize = 1000): AsyncGenerator<Plaintiff[]> {
    let next = this.load(firmId, batchId, accessor, null, pageSize);
    try {
      for (;;) {
        const page = await next;
        if (page.rows.length === 0) return;
        const last = page.rows[page.rows.length - 1];
        next = page.rows.length < pageSize ? Promise.resolve({ rows: [], plaintiffs: [] }) : this.load(firmId, batchId, accessor, { createdAt: last.createdAt, id: last.claimId }, pageSize);
        yield page.plaintiffs;
      }
    } finally {
      // A download cut short leaves the read ahead in flight: let it finish quietly.
      next.catch(() => undefined);
    }
  }

  private async load(firmId: string, batchId: string, accessor: Accessor & { kind: 'staff' }, after: MemberCursor | null, limit: number): Promise<{ rows: Row[]; plaintiffs: Plaintiff[] }> {
    const rows = await this.scope.run(firmId, (tx) =>
      sqlRows<Row>(
        tx.manager,
        `SELECT cl.id AS "claimId", cl.claim_number AS "claimNumber", COALESCE(cl.estimate_won, 0) AS "amountWon",
                to_char(cl.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt", s.signed_at AS "signedAt",
                c.id AS "claimantId", c.firm_id AS "firmId", c.name_enc AS "nameEnc", c.birth_date_enc AS "birthDateEnc",
                c.address_enc AS "addressEnc"
           FROM claims cl
           JOIN claimants c ON c.id = cl.claimant_id
           JOIN signatures s ON s.claim_id = cl.id AND s.document_kind = 'mandate'
          WHERE cl.batch_id = $1 AND cl.status = ANY($5::text[])
            AND ($2::timestamptz IS NULL OR (cl.created_at, cl.id) > ($2::timestamptz, $3::uuid))
          ORDER BY cl.created_at, cl.id LIMIT $4`,
        [batchId, after?.createdAt ?? null, after?.id ?? null, limit, PLAINTIFF_STATUSES],
      ),
    );
    const opened = await this.personalData.revealForExport(
      firmId,
      accessor,
      'plaintiffs.export',
      rows.map((r) => ({ claimant: { id: r.claimantId, firmId: r.firmId, nameEnc: r.nameEnc, birthDateEnc: r.birthDateEnc, addressEnc: r.addressEnc } })),
      FIELDS,
    );
    return {
      rows,
      plaintiffs: rows.map((r, i) => ({ claimId: r.claimId, claimNumber: r.claimNumber, amountWon: r.amountWon, mandateSignedAt: r.signedAt, ...opened[i] })),
    };
  }
}
