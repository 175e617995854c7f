import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalText, chainHash, ChainRow, checkpointBreak, findBreak, GENESIS_HASH } from './access-chain';

const base: Omit<ChainRow, 'chainSeq' | 'prevHash' | 'hash' | 'id'> = {
  firmId: '0190f5a0-0000-7000-8000-000000000001',
  at: '2026-11-23T20:24:45.121148Z',
  actorType: 'staff',
  actorId: 'staff:1',
  ip: '203.0.113.7',
  subjectClaimantId: '0190f5a0-0000-7000-8000-00000000a001',
  subjectCount: '1',
  action: 'claimant.read',
  fields: 'name,phone',
  reason: '확인',
};

/** A valid chain of `n` rows built the way the database trigger builds it. */
function chain(n: number, vary: (i: number) => Partial<ChainRow> = () => ({})): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev: Buffer = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const row: ChainRow = { ...base, ...vary(i), id: String(100 + i), chainSeq: String(i), prevHash: prev, hash: Buffer.alloc(0) };
    row.hash = chainHash(prev, row);
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}

describe('canonicalText', () => {
  it('length-prefixes each field in utf-8 bytes and writes null as "-"', () => {
    const row = { ...chain(1)[0], ip: null, reason: '확인' };
    expect(canonicalText(row)).toBe(
      '1:1|36:0190f5a0-0000-7000-8000-000000000001|27:2026-11-23T20:24:45.121148Z|5:staff|7:staff:1|-|36:0190f5a0-0000-7000-8000-00000000a001|1:1|13:claimant.read|10:name,phone|6:확인',
    );
  });

  it('gives different rows different texts, however the fields are split', () => {
    // Without the length prefixes these two would join to the same text.
    const a = { ...chain(1)[0], actorId: 'a|b', action: 'c' };
    const b = { ...chain(1)[0], actorId: 'a', action: 'b|c' };
    expect(canonicalText(a)).not.toBe(canonicalText(b));
    const empty = { ...chain(1)[0], reason: '' };
    const missing = { ...chain(1)[0], reason: null };
    expect(canonicalText(empty)).not.toBe(canonicalText(missing));
  });

  it('hashes the previous hash followed by the canonical text', () => {
    const [row] = chain(1);
    expect(row.hash).toEqual(createHash('sha256').update(GENESIS_HASH).update(canonicalText(row), 'utf8').digest());
  });
});

describe('findBreak', () => {
  it('accepts an intact chain, whole or continued page by page', () => {
    const rows = chain(10);
    expect(findBreak(rows, null)).toBeNull();
    expect(findBreak(rows.slice(4), { seq: 4n, hash: rows[3].hash })).toBeNull();
  });

  it('names the first changed row, whatever field of whichever row changed', () => {
    const fields: (keyof ChainRow)[] = ['firmId', 'at', 'actorType', 'actorId', 'ip', 'subjectClaimantId', 'subjectCount', 'action', 'fields', 'reason'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 10 }), (index, field, value) => {
        const rows = chain(8);
        fc.pre(rows[index][field] !== value);
        rows[index] = { ...rows[index], [field]: value };
        expect(findBreak(rows, null)).toEqual({ id: rows[index].id, chainSeq: rows[index].chainSeq, problem: 'row does not match its hash' });
      }),
    );
  });

  it('names the next row when an edited row was given a matching hash', () => {
    const rows = chain(5);
    const edited = { ...rows[2], reason: 'nothing to see' };
    rows[2] = { ...edited, hash: chainHash(edited.prevHash, edited) };
    expect(findBreak(rows, null)).toEqual({ id: rows[3].id, chainSeq: '4', problem: 'previous hash does not match' });
  });

  it('names the row after a deleted one, and a chain that does not start at 1', () => {
    const rows = chain(5);
    expect(findBreak([...rows.slice(0, 2), ...rows.slice(3)], null)).toEqual({ id: rows[3].id, chainSeq: '4', problem: 'sequence gap' });
    expect(findBreak(rows.slice(1), null)).toEqual({ id: rows[1].id, chainSeq: '2', problem: 'sequence gap' });
  });

  it('notices rows swapped in order', () => {
    const rows = chain(4);
    expect(findBreak([rows[0], rows[2], rows[1], rows[3]], null)?.chainSeq).toBe('3');
  });
});

describe('checkpointBreak', () => {
  const rows = chain(5);
  const checkpoint = { seq: '3', hash: rows[2].hash };

  it('holds when the verified row is still there with its hash', () => {
    expect(checkpointBreak(rows[2], checkpoint)).toBeNull();
  });

  it('names a verified row that is gone, whether nothing follows it or a later row took its place', () => {
    expect(checkpointBreak(undefined, checkpoint)).toEqual({ id: null, chainSeq: '3', problem: 'verified row is missing' });
    expect(checkpointBreak(rows[3], checkpoint)).toEqual({ id: null, chainSeq: '3', problem: 'verified row is missing' });
  });

  it('names a verified row whose content or hash changed, even when the new hash matches the new content', () => {
    const edited = { ...rows[2], reason: '다른 사유' };
    expect(checkpointBreak(edited, checkpoint)).toEqual({ id: rows[2].id, chainSeq: '3', problem: 'verified row was changed' });
    const rehashed = { ...edited, hash: chainHash(edited.prevHash, edited) };
    expect(checkpointBreak(rehashed, checkpoint)).toEqual({ id: rows[2].id, chainSeq: '3', problem: 'verified row was changed' });
  });
});
