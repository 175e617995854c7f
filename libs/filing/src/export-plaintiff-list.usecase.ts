import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { type Plaintiff, PlaintiffRecords } from '@app/claimants';
import { FirmScope } from '@app/database';
import { batchNotFound, batchNotLocked, listsBusy } from './batch-errors';
import { type Download, drained, HashingStream } from './download';
import { ExportRecordsRepository } from './export-records.repository';
import { FilingBatchesRepository } from './filing-batches.repository';
import { exportReason } from './filing-input';
import { batchFileName, csvRecord, PLAINTIFF_COLUMNS, plaintiffCells } from './plaintiff-list';
import { compressorCaughtUp } from './xlsx-backlog';

export interface ExportPlaintiffListCommand {
  firmId: string;
  staffId: string;
  ip: string | null;
  batchId: string;
  format: 'csv' | 'xlsx';
  reason: unknown;
}

// Each page is one access-log row (and its subjects) committed before the page is decrypted.
const PAGE = 2_000;
const BOM = '\uFEFF';
/**
 * Plaintiff lists one API process streams at once. Each holds a pooled connection (its cursor)
 * for as long as its download lasts, a slow one too, and for moments up to three more while its
 * pages' access is recorded (PlaintiffRecords): three lists leave at least eight of a pool of 20
 * (DATABASE_POOL_SIZE) to everyone else. Another is refused with a 429 until one ends.
 */
export const LISTS_AT_ONCE = 3;

/**
 * A locked batch's plaintiff list for the complaint, streamed: CSV that Korean Excel opens as
 * it is (UTF-8 with a BOM, CRLF, every field quoted, formula cells defused) or XLSX through
 * exceljs's streaming writer. The reason is checked and the export recorded before anything is
 * read; each page's access is logged before it is decrypted (PlaintiffRecords); the record gets
 * its row count and the file's SHA-256 when the last byte is written. Memory holds a page or two.
 */
@Injectable()
export class ExportPlaintiffList {
  private readonly logger = new Logger(ExportPlaintiffList.name);
  private streaming = 0;

  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
    private readonly records: ExportRecordsRepository,
    private readonly plaintiffs: PlaintiffRecords,
  ) {}

  /**
   * Lists streaming now. A place is given back after the download's last byte (or its abandonment)
   * and the export's record is finished, so a client can have read every byte a moment before it.
   */
  get inFlight(): number {
    return this.streaming;
  }

  async start(command: ExportPlaintiffListCommand): Promise<Download & { exportId: string }> {
    const reason = exportReason(command.reason);
    const batch = await this.scope.run(command.firmId, (tx) => this.batches.find(tx, command.batchId));
    if (!batch) throw batchNotFound();
    if (batch.status === 'open') throw batchNotLocked();
    if (this.streaming >= LISTS_AT_ONCE) throw listsBusy();
    this.streaming++;
    const exportId = randomUUID();
    try {
      await this.records.start(command.firmId, { id: exportId, staffId: command.staffId, kind: `plaintiffs-${command.format}`, batchId: batch.id, claimId: null, reason });
    } catch (error) {
      this.streaming--;
      throw error;
    }
    const out = new HashingStream();
    const accessor = { kind: 'staff' as const, staffId: command.staffId, ip: command.ip, reason };
    const pages = this.plaintiffs.pages(command.firmId, batch.id, accessor, PAGE);
    const produce = command.format === 'csv' ? this.csv(pages, out) : this.xlsx(pages, out, batch.name);
    produce
      .then((rows) => this.records.finish(command.firmId, exportId, rows, out.digest()))
      .catch((error: unknown) => {
        this.logger.warn(`plaintiff list ${exportId} stopped: ${(error as Error).message}`);
        if (!out.destroyed) out.destroy(error as Error);
      })
      .finally(() => this.streaming--);
    const extension = command.format;
    return {
      exportId,
      fileName: batchFileName('원고목록', batch.caseSlug, batch.number, batch.name, extension),
      asciiName: `plaintiffs_${batch.caseSlug}_${batch.number}.${extension}`,
      contentType: command.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      stream: out,
    };
  }

  private async csv(pages: AsyncIterable<Plaintiff[]>, out: HashingStream): Promise<number> {
    out.write(BOM + csvRecord(PLAINTIFF_COLUMNS));
    let seq = 0;
    for await (const page of pages) {
      if (out.destroyed) break;
      let chunk = '';
      for (const p of page) chunk += csvRecord(plaintiffCells(++seq, p));
      out.write(chunk);
      await drained(out);
    }
    // A download cut short is not a finished export: its record stays open.
    if (out.destroyed) throw new Error(`cut short after ${seq} rows`);
    await new Promise<void>((resolve) => out.end(resolve));
    return seq;
  }

  private async xlsx(pages: AsyncIterable<Plaintiff[]>, out: HashingStream, sheetName: string): Promise<number> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'plaintiffs');
    sheet.addRow([...PLAINTIFF_COLUMNS]).commit();
    let seq = 0;
    for await (const page of pages) {
      if (out.destroyed) break;
      for (const p of page) sheet.addRow(plaintiffCells(++seq, p)).commit();
      await drained(out);
      await compressorCaughtUp(sheet, out);
    }
    if (out.destroyed) throw new Error(`cut short after ${seq} rows`);
    sheet.commit();
    await workbook.commit();
    return seq;
  }
}
