import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Bytes of a worksheet's XML let wait for the compressor before the next page is written. */
const MAX_BACKLOG = 1 << 20;

interface EntryStream {
  _writableState?: { length: number };
  once(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * exceljs's streaming writer (4.4.0, pinned) hands a worksheet's XML to the zip's entry in
 * 64 KB pieces without waiting for the compressor: its StreamBuf ignores what write() answers.
 * Rows committed faster than deflate runs piled up in memory (a million-row list reached 350 MB
 * once its rows were opened off the main thread), however patiently the download itself was
 * drained. So after each page the writer waits here until the entry holds under 1 MB, or the
 * download has ended. The entry is reached through exceljs internals (`stream.pipes`), checked
 * by this module's test, which fails first if an upgrade moves them.
 */
export async function compressorCaughtUp(sheet: unknown, out: Writable): Promise<void> {
  for (let turns = 0; ; ) {
    if (out.destroyed || out.writableEnded) return;
    const entry = entryOf(sheet);
    // Before the zip takes the entry, its pieces wait in the StreamBuf itself: give it a few turns.
    if (!entry) {
      if (++turns > 100) return;
      await nextTurn();
      continue;
    }
    if ((entry._writableState?.length ?? 0) < MAX_BACKLOG) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        entry.off('drain', done);
        out.off('close', done);
        resolve();
      };
      entry.once('drain', done);
      out.once('close', done);
    });
  }
}

/** The zip entry a worksheet writer pipes into, once the zip has taken it. */
export function entryOf(sheet: unknown): EntryStream | null {
  const stream = (sheet as { stream?: { pipes?: unknown } }).stream;
  if (!stream || !Array.isArray(stream.pipes)) throw new Error('exceljs worksheet writer: no stream.pipes (internals changed; see xlsx-backlog.ts)');
  return (stream.pipes[0] as EntryStream | undefined) ?? null;
}
