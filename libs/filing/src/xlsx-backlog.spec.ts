import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { compressorCaughtUp, entryOf } from './xlsx-backlog';

const ROW = ['김민준', '1990-01-01', '(06236) 서울특별시 강남구 테헤란로 152 101동 1001호', 300000, 'CP-2025-AB12CD34', '2026-01-01 00:00:00'];

describe('xlsx backlog', () => {
  it('finds the zip entry a worksheet writes into, where exceljs 4.4.0 keeps it', async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough().resume(), useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('x');
    for (let i = 0; i < 5_000; i++) sheet.addRow([i, ...ROW]).commit();
    await compressorCaughtUp(sheet, new PassThrough());
    const entry = entryOf(sheet);
    expect(entry).not.toBeNull();
    expect(typeof entry!._writableState?.length).toBe('number');
    sheet.commit();
    await workbook.commit();
  });

  it('keeps what waits for the compressor under a megabyte while rows are written as fast as they come', async () => {
    let bytes = 0;
    const out = new Writable({ write: (chunk: Buffer, _e, done) => ((bytes += chunk.length), done()) });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('x');
    let worst = 0;
    for (let page = 0; page < 40; page++) {
      for (let i = 0; i < 2_000; i++) sheet.addRow([page * 2_000 + i, ...ROW]).commit();
      await compressorCaughtUp(sheet, out);
      worst = Math.max(worst, entryOf(sheet)?._writableState?.length ?? 0);
    }
    sheet.commit();
    await workbook.commit();
    expect(worst).toBeLessThan(1 << 20);
    expect(bytes).toBeGreaterThan(1_000_000);
  });

  it('stops waiting when the download has ended', async () => {
    const out = new PassThrough();
    out.destroy();
    await expect(compressorCaughtUp({ stream: { pipes: [] } }, out)).resolves.toBeUndefined();
  });

  it('says so when exceljs no longer keeps its pipes where this looks', () => {
    expect(() => entryOf({ stream: {} })).toThrow('internals changed');
  });
});
