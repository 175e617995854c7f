import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { sleep } from './app-process';
import { JPEG_MAGIC } from './evidence-image';

export interface EvidenceIntegrity {
  /** Uploads answered 303, and evidence_files rows. */
  accepted: number;
  rows: number;
  /** Drafts with fewer rows than 303s, with more, and rows of owners no upload went to. */
  draftsMissingRows: number;
  draftsWithExtraRows: number;
  unexpectedRows: number;
  /** Files in the evidence folder, the objects the rows name (originals and thumbnails), and the differences. */
  filesOnDisk: number;
  objectsNamed: number;
  orphans: number;
  missingObjects: number;
  /** Half-written files (`.<key>.<random>.tmp`) left in the evidence folder, and temp uploads left in EVIDENCE_TMP_DIR. */
  tempFilesLeft: number;
  uploadTempsLeft: number;
  /** Stored files that begin FF D8 FF: a JPEG kept in the clear. */
  plaintextJpegs: number;
}

export const integrityPassed = (i: EvidenceIntegrity) =>
  i.rows === i.accepted && i.draftsMissingRows === 0 && i.draftsWithExtraRows === 0 && i.unexpectedRows === 0 &&
  i.orphans === 0 && i.missingObjects === 0 && i.tempFilesLeft === 0 && i.uploadTempsLeft === 0 && i.plaintextJpegs === 0;

/**
 * Every upload the API answered 303 is exactly one evidence_files row of that draft; the evidence
 * folder holds exactly the objects the rows name (nothing orphaned, nothing missing); no stored
 * object is a plaintext JPEG; no temp file is left behind.
 */
export async function checkEvidence(admin: Pool, acceptedByDraft: Map<string, number>, folders: { evidenceDir: string; tmpDir: string }): Promise<EvidenceIntegrity> {
  const { rows } = await admin.query<{ owner_id: string; n: number }>(`SELECT owner_id, count(*)::int AS n FROM evidence_files WHERE removed_at IS NULL GROUP BY owner_id`);
  const held = new Map(rows.map((r) => [r.owner_id, r.n]));
  let draftsMissingRows = 0;
  let draftsWithExtraRows = 0;
  for (const [draftId, accepted] of acceptedByDraft) {
    const n = held.get(draftId) ?? 0;
    if (n < accepted) draftsMissingRows++;
    if (n > accepted) draftsWithExtraRows++;
  }
  const unexpectedRows = rows.filter((r) => !acceptedByDraft.has(r.owner_id)).reduce((s, r) => s + r.n, 0);

  const keys = await admin.query<{ key: string }>(
    `SELECT storage_key AS key FROM evidence_files UNION ALL SELECT thumbnail_key FROM evidence_files WHERE thumbnail_key IS NOT NULL`,
  );
  const named = new Set(keys.rows.map((r) => r.key));
  const files = await listFiles(folders.evidenceDir);
  const temp = files.filter((f) => f.name.startsWith('.'));
  const stored = files.filter((f) => !f.name.startsWith('.'));
  const onDisk = new Set(stored.map((f) => f.name));
  let plaintextJpegs = 0;
  for (const f of stored) if ((await firstBytes(f.path, JPEG_MAGIC.length)).equals(JPEG_MAGIC)) plaintextJpegs++;

  return {
    accepted: [...acceptedByDraft.values()].reduce((a, b) => a + b, 0),
    rows: rows.reduce((s, r) => s + r.n, 0),
    draftsMissingRows,
    draftsWithExtraRows,
    unexpectedRows,
    filesOnDisk: stored.length,
    objectsNamed: named.size,
    orphans: [...onDisk].filter((k) => !named.has(k)).length,
    missingObjects: [...named].filter((k) => !onDisk.has(k)).length,
    tempFilesLeft: temp.length,
    uploadTempsLeft: (await listFiles(folders.tmpDir)).length,
    plaintextJpegs,
  };
}

export function describeIntegrity(i: EvidenceIntegrity): string[] {
  return [
    `uploads answered 303: ${i.accepted}; evidence_files rows: ${i.rows}; drafts short of rows ${i.draftsMissingRows}, with extra rows ${i.draftsWithExtraRows}; rows nobody uploaded ${i.unexpectedRows}`,
    `evidence folder: ${i.filesOnDisk} files, ${i.objectsNamed} objects named by the rows (originals + thumbnails); orphans ${i.orphans}, missing ${i.missingObjects}; ` +
      `temp files left: ${i.tempFilesLeft} in the store, ${i.uploadTempsLeft} in EVIDENCE_TMP_DIR`,
    `encryption: ${i.plaintextJpegs} of ${i.filesOnDisk} stored files start with the JPEG magic FF D8 FF`,
  ];
}

/**
 * Waits until the API has no upload in hand: no temp upload in EVIDENCE_TMP_DIR, no half-written
 * object in the store, and the row count steady for a second. An upload whose connection was
 * closed is still processed (and may be recorded) by the API after the client gave up on it;
 * the integrity check must count what it ends up with. Resolves to the seconds waited, or null.
 */
export async function waitForUploadsToSettle(admin: Pool, folders: { evidenceDir: string; tmpDir: string }, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  let last = -1;
  while (performance.now() - started < timeoutMs) {
    const inFlight = (await listFiles(folders.tmpDir)).length + (await listFiles(folders.evidenceDir)).filter((f) => f.name.startsWith('.')).length;
    const rows = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM evidence_files`)).rows[0].n;
    if (inFlight === 0 && rows === last) return (performance.now() - started) / 1000;
    last = inFlight === 0 ? rows : -1;
    await sleep(1000);
  }
  return null;
}

async function listFiles(dir: string): Promise<{ name: string; path: string }[]> {
  const out: { name: string; path: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push({ name: entry.name, path: join(entry.parentPath, entry.name) });
  }
  return out;
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
