import { createHash } from 'node:crypto';

/**
 * The access log's hash chain, recomputed outside the database. Each row's hash is
 * sha256(previous hash || canonical text of the row); the first row of a firm follows 32 zero
 * bytes. The canonical text must match access_log_canonical() in
 * migrations/1763800000002-firm-isolation.ts field for field: each field is `<utf-8 length>:<text>`,
 * or `-` when null, joined by `|`.
 */
export interface ChainRow {
  id: string;
  chainSeq: string;
  firmId: string;
  /** `at` in UTC with microseconds, as the database formats it: 2026-01-02T03:04:05.123456Z */
  at: string;
  actorType: string;
  actorId: string;
  ip: string | null;
  subjectClaimantId: string | null;
  subjectCount: string;
  action: string;
  /** The fields read, comma-joined. */
  fields: string;
  reason: string | null;
  prevHash: Buffer;
  hash: Buffer;
}

export const GENESIS_HASH = Buffer.alloc(32);

export function canonicalText(row: ChainRow): string {
  return [
    row.chainSeq, row.firmId, row.at, row.actorType, row.actorId, row.ip, row.subjectClaimantId, row.subjectCount, row.action,
    row.fields, row.reason,
  ]
    .map((v) => (v === null ? '-' : `${Buffer.byteLength(v, 'utf8')}:${v}`))
    .join('|');
}

export function chainHash(prevHash: Buffer, row: ChainRow): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalText(row), 'utf8').digest();
}

export interface ChainBreak {
  /** The access_log row's id; null when the row that should be there is gone. */
  id: string | null;
  chainSeq: string;
  problem: 'sequence gap' | 'previous hash does not match' | 'row does not match its hash' | 'verified row is missing' | 'verified row was changed';
}

/**
 * Whether the row a verification ended on (`checkpoint`: its seq and hash) is still in the chain
 * as it was: present at that seq, with that hash, and matching it. `row` is the first row at or
 * after the checkpoint's seq. Null when it holds.
 */
export function checkpointBreak(row: ChainRow | undefined, checkpoint: { seq: string; hash: Buffer }): ChainBreak | null {
  if (!row || row.chainSeq !== checkpoint.seq) return { id: null, chainSeq: checkpoint.seq, problem: 'verified row is missing' };
  if (!row.hash.equals(checkpoint.hash) || !chainHash(row.prevHash, row).equals(row.hash)) return { id: row.id, chainSeq: row.chainSeq, problem: 'verified row was changed' };
  return null;
}

/**
 * Checks rows of one firm in chain order, continuing from `previous` (the last row checked
 * before them, or null at the start). Returns the first break, or null.
 */
export function findBreak(rows: ChainRow[], previous: { seq: bigint; hash: Buffer } | null): ChainBreak | null {
  let seq = previous?.seq ?? 0n;
  let hash = previous?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    if (BigInt(row.chainSeq) !== seq + 1n) return { id: row.id, chainSeq: row.chainSeq, problem: 'sequence gap' };
    if (!row.prevHash.equals(hash)) return { id: row.id, chainSeq: row.chainSeq, problem: 'previous hash does not match' };
    if (!chainHash(row.prevHash, row).equals(row.hash)) return { id: row.id, chainSeq: row.chainSeq, problem: 'row does not match its hash' };
    seq = BigInt(row.chainSeq);
    hash = row.hash;
  }
  return null;
}
