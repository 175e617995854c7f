import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { Accessor } from '@app/audit';
import { FirmScope, sqlRows } from '@app/database';
import { type Party, PersonalData } from '../personal-data';
import { PLAINTIFF_STATUSES } from './batch-members';

/** A plaintiff of a batch, opened: what the complaint's list shows. */
export interface Plaintiff extends Party {
  claimId: string;
  claimNumber: string;
  amountWon: number;
  /** When the mandate was signed, in Korea Standard Time as the court reads it: "2026-12-01 09:30:00". */
  mandateSignedAtKst: string;
}

interface Row {
  claimId: string;
  claimNumber: string;
  amountWon: number;
  signedAtKst: string;
  claimantId: string;
  firmId: string;
  partyEnc: Buffer | null;
  /** Read only where the claimant has no party record (taken in before migration 0013). */
  nameEnc: Buffer | null;
  birthDateEnc: Buffer | null;
  addressEnc: Buffer | null;
}

/** Pages read from the cursor ahead of those being opened. */
const READ_AHEAD = 2;
/**
 * Pages being opened at once: each first has its access committed (a transaction and a flush
 * to disk of its own), then its values opened on the cipher's thread. One at a time, the
 * writer waited on that round every page; three keep it busy.
 */
const OPENING = 3;

/**
 * A batch's plaintiffs for its list, page by page in the batch's order (claims_batch_idx).
 *
 * One cursor in one transaction (it only reads) walks the whole batch: a single plan and a single
 * snapshot, where keyset pages cost a transaction and a plan (about 10 ms with the policies and
 * the queue's indexes) each, 500 times for a million. Each page's access is written to the access
 * log (one row per page with the staff member's reason, the people it covers in
 * access_log_subjects) and committed on a connection of its own before that page is decrypted.
 * While the caller writes a page out, the cursor reads ahead and the next OPENING pages are being
 * recorded and opened, so the database, the cipher's thread and the writer overlap; memory holds a
 * few pages whatever the batch's size. So a list holds its cursor's connection and, page by page,
 * up to OPENING more; and a download cut short may have recorded up to OPENING pages it never
 * sent (the log errs towards saying more was read, never less). Members no longer approved or
 * filed are not plaintiffs.
 */
@Injectable()
export class PlaintiffRecords {
  constructor(
    private readonly scope: FirmScope,
    private readonly personalData: PersonalData,
  ) {}

  async *pages(firmId: string, batchId: string, accessor: Accessor & { kind: 'staff' }, pageSize = 1000): AsyncGenerator<Plaintiff[]> {
    const rows = this.read(firmId, batchId, pageSize);
    const pages = rows[Symbol.asyncIterator]() as AsyncIterator<Row[]>;
    const open = async (): Promise<Plaintiff[] | null> => {
      const next = await pages.next();
      return next.done ? null : this.open(firmId, accessor, next.value);
    };
    // OPENING pages at once, each being logged or opened, in order, while the caller writes one out.
    const opening = Array.from({ length: OPENING }, open);
    try {
      for (;;) {
        const page = await opening.shift()!;
        if (!page) return;
        opening.push(open());
        yield page;
      }
    } finally {
      // A download cut short: stop the cursor (its transaction ends) and let the pages in flight settle quietly.
      rows.destroy();
      for (const page of opening) page.catch(() => undefined);
    }
  }

  /** The batch's rows as a stream of pages that pauses the cursor while READ_AHEAD pages wait. */
  private read(firmId: string, batchId: string, pageSize: number): Readable {
    let resume: (() => void) | null = null;
    const wake = () => {
      resume?.();
      resume = null;
    };
    const stream = new Readable({ objectMode: true, highWaterMark: READ_AHEAD, read: wake });
    stream.on('close', wake);
    this.scope
      .run(firmId, async (tx) => {
        // The plan is made once for the whole batch; compiling it (JIT) would only add a pause.
        await tx.manager.query(`SET LOCAL jit = off`);
        await tx.manager.query(
          `DECLARE plaintiffs NO SCROLL CURSOR FOR
           SELECT cl.id AS "claimId", cl.claim_number AS "claimNumber", COALESCE(cl.estimate_won, 0) AS "amountWon", to_char(s.signed_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI:SS') AS "signedAtKst",
                  c.id AS "claimantId", c.firm_id AS "firmId", c.party_enc AS "partyEnc",
                  CASE WHEN c.party_enc IS NULL THEN c.name_enc END AS "nameEnc",
                  CASE WHEN c.party_enc IS NULL THEN c.birth_date_enc END AS "birthDateEnc",
                  CASE WHEN c.party_enc IS NULL THEN c.address_enc END AS "addressEnc"
             FROM claims cl
             JOIN claimants c ON c.id = cl.claimant_id
             JOIN signatures s ON s.claim_id = cl.id AND s.document_kind = 'mandate'
            WHERE cl.batch_id = $1 AND cl.status = ANY($2::text[])
            ORDER BY cl.created_at, cl.id`,
          [batchId, PLAINTIFF_STATUSES],
        );
        for (;;) {
          const page = await sqlRows<Row>(tx.manager, `FETCH FORWARD ${Math.trunc(pageSize)} FROM plaintiffs`);
          if (stream.destroyed) return;
          if (page.length > 0 && !stream.push(page)) await new Promise<void>((resolve) => (resume = resolve));
          if (page.length < pageSize || stream.destroyed) break;
        }
        if (!stream.destroyed) stream.push(null);
      })
      .catch((error: unknown) => stream.destroy(error as Error));
    return stream;
  }

  /** Records the page's access (committed), then opens it. */
  private async open(firmId: string, accessor: Accessor & { kind: 'staff' }, rows: Row[]): Promise<Plaintiff[]> {
    // What the complaint's list of parties needs (PLAINTIFF_COLUMNS in libs/filing): no contact details.
    const opened = await this.personalData.revealParties(
      firmId,
      accessor,
      'plaintiffs.export',
      rows.map((r) => ({
        claimant: { id: r.claimantId, firmId: r.firmId, partyEnc: r.partyEnc, nameEnc: r.nameEnc ?? undefined, birthDateEnc: r.birthDateEnc ?? undefined, addressEnc: r.addressEnc ?? undefined },
      })),
    );
    return rows.map((r, i) => ({ claimId: r.claimId, claimNumber: r.claimNumber, amountWon: r.amountWon, mandateSignedAtKst: r.signedAtKst, ...opened[i] }));
  }
}
