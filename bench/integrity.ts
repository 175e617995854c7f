import type { Pool } from 'pg';

/** How the rows of one table line up with the claims the API confirmed with a 201. */
export interface RowCheck {
  label: string;
  rows: number;
  /** Confirmed claims with no row. */
  missing: number;
  /** Confirmed claims with more than one row. */
  doubled: number;
  /** Rows for claims the API never confirmed. */
  unexpected: number;
}

export const rowCheckPassed = (check: RowCheck) => check.missing === 0 && check.doubled === 0 && check.unexpected === 0;

/**
 * Counts rows per claim for `sql` (which must return claim_id, n) and compares them with
 * the confirmed claim ids: each confirmed claim must have exactly one row, and no row may
 * belong to a claim nobody was told about.
 */
export async function checkOnePerClaim(admin: Pool, label: string, confirmed: Set<string>, sql: string): Promise<RowCheck> {
  const { rows } = await admin.query<{ claim_id: string; n: number }>(sql);
  const check: RowCheck = { label, rows: 0, missing: 0, doubled: 0, unexpected: 0 };
  const seen = new Set<string>();
  for (const { claim_id, n } of rows) {
    check.rows += n;
    if (!confirmed.has(claim_id)) check.unexpected += n;
    else if (n > 1) check.doubled++;
    seen.add(claim_id);
  }
  for (const id of confirmed) if (!seen.has(id)) check.missing++;
  return check;
}

export const claimRowsSql = `SELECT id AS claim_id, count(*)::int AS n FROM claims GROUP BY id`;
export const outboxRowsSql = `SELECT aggregate_id AS claim_id, count(*)::int AS n FROM outbox WHERE topic = 'claim.submitted' GROUP BY aggregate_id`;
export const assessmentRowsSql = `SELECT claim_id, count(*)::int AS n FROM claim_assessments GROUP BY claim_id`;

/** Claims the worker should have moved on but left in 'submitted'. */
export async function countStillSubmitted(admin: Pool): Promise<number> {
  const { rows } = await admin.query(`SELECT count(*)::int AS n FROM claims WHERE status = 'submitted'`);
  return rows[0].n;
}

/** The same claim id answered twice: the API confirmed one claim to two requests. */
export function duplicateIds(ids: string[]): number {
  return ids.length - new Set(ids).size;
}

export function describeCheck(check: RowCheck): string {
  return `${check.label}: rows=${check.rows} missing=${check.missing} doubled=${check.doubled} unexpected=${check.unexpected}`;
}
