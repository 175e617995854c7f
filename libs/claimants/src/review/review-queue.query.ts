import { Injectable } from '@nestjs/common';
import { BlindIndex, normaliseKoreanMobile } from '@app/crypto';
import { type FirmTx, sqlRows } from '@app/database';
import type { Verdict } from '@app/eligibility';
import type { ClaimStatus } from '../claim-status';
import { parseEmailAddress } from '../validation/email-address';
import { encodeCursor, OPEN_STATUSES, type QueueFilter, sortKey } from './queue-filter';

/** A row of the queue: what a reviewer scans, no personal data. */
export interface QueueRow {
  id: string;
  claimNumber: string;
  status: ClaimStatus;
  verdict: Verdict | null;
  estimateWon: number | null;
  overridden: boolean;
  dataTier: string | null;
  flags: string[];
  openFlags: number;
  assigneeId: string | null;
  batchId: string | null;
  createdAt: Date;
  statusChangedAt: Date;
}

export interface QueuePage {
  rows: QueueRow[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
}

/** Per case: claims and money by status, verdict and flagged, from claim_counts (a sum over its slots). */
export interface CaseCounts {
  total: number;
  byStatus: Partial<Record<ClaimStatus, number>>;
  byVerdict: Record<string, number>;
  flagged: number;
  estimateWon: number;
  approvedEstimateWon: number;
}

/** How far the queue counts a filter's matches before it says "more than" (a count of a million rows is not a page view). */
export const COUNT_CAP = 10_000;
const PAGE_MAX = 200;

/**
 * The review queue over a case's claims: filters on the claim's own review columns, keyset
 * pages in the chosen order (each filter has an index ending in the sort key and id, so a page
 * is one index range however deep), a count capped at COUNT_CAP, and the case's totals from
 * the counter table. Staff-facing and firm-scoped: the caller's transaction bounds the firm.
 */
@Injectable()
export class ReviewQueue {
  constructor(private readonly blindIndex: BlindIndex) {}

  async page(tx: FirmTx, caseId: string, filter: QueueFilter, staffId: string, limit = 50): Promise<QueuePage> {
    const take = Math.min(Math.max(limit, 1), PAGE_MAX);
    const { where, params } = this.conditions(caseId, filter, staffId);
    const key = sortKey(filter.sort);
    const descending = filter.sort.endsWith('_desc');
    if (filter.after) {
      params.push(filter.after.key, filter.after.id);
      const cast = key === 'estimate_won' ? 'integer' : 'timestamptz';
      where.push(`(cl.${key}, cl.id) ${descending ? '<' : '>'} ($${params.length - 1}::${cast}, $${params.length}::uuid)`);
    }
    // Claims not yet assessed have no amount: an amount order lists the assessed ones.
    if (key === 'estimate_won') where.push('cl.estimate_won IS NOT NULL');
    params.push(take + 1);
    const direction = descending ? 'DESC' : 'ASC';
    const rows = await sqlRows<QueueRow>(
      tx.manager,
      `SELECT cl.id, cl.claim_number AS "claimNumber", cl.status, cl.verdict, cl.estimate_won AS "estimateWon", cl.estimate_override_won IS NOT NULL AS overridden,
              cl.data_tier AS "dataTier", cl.review_flags AS flags, cl.open_flags AS "openFlags", cl.assignee_id AS "assigneeId", cl.batch_id AS "batchId",
              cl.created_at AS "createdAt", cl.status_changed_at AS "statusChangedAt"
         FROM claims cl
        WHERE ${where.join(' AND ')}
        ORDER BY cl.${key} ${direction}, cl.id ${direction}
        LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > take;
    const shown = more ? rows.slice(0, take) : rows;
    const last = shown.at(-1);
    const lastKey = last && (key === 'estimate_won' ? last.estimateWon! : (key === 'created_at' ? last.createdAt : last.statusChangedAt).toISOString());
    return { rows: shown, next: more && last ? encodeCursor({ key: lastKey!, id: last.id }) : null };
  }

  /**
   * How many claims match, counted up to COUNT_CAP (the page says "10,000+" beyond). The first
   * COUNT_CAP + 1 in (created_at, id) order, as a bulk decision selects them: every filter's index
   * ends in those columns, so the count is a range of the filter's own index. Without the order
   * Postgres would take the LIMIT off a sequential scan, costed as if the matches were spread
   * evenly over the table; claims assigned, flagged or received in one week sit together where
   * their rows were written, and a scan starts where the previous one stopped (synchronised
   * scans), so now and then it read most of the table first (one request in ten took 300 ms).
   */
  async count(tx: FirmTx, caseId: string, filter: QueueFilter, staffId: string): Promise<{ count: number; capped: boolean }> {
    const { where, params } = this.conditions(caseId, filter, staffId);
    if (sortKey(filter.sort) === 'estimate_won') where.push('cl.estimate_won IS NOT NULL');
    params.push(COUNT_CAP + 1);
    const [row] = await sqlRows<{ n: number }>(
      tx.manager,
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM claims cl WHERE ${where.join(' AND ')} ORDER BY cl.created_at, cl.id LIMIT $${params.length}) t`,
      params,
    );
    return { count: Math.min(row.n, COUNT_CAP), capped: row.n > COUNT_CAP };
  }

  async caseCounts(tx: FirmTx, caseId: string): Promise<CaseCounts> {
    const rows = await sqlRows<{ status: ClaimStatus; verdict: string; flagged: boolean; claims: string; estimateWon: string }>(
      tx.manager,
      `SELECT status, verdict, flagged, sum(claims)::text AS claims, sum(estimate_won)::text AS "estimateWon"
         FROM claim_counts WHERE case_id = $1 GROUP BY status, verdict, flagged`,
      [caseId],
    );
    const counts: CaseCounts = { total: 0, byStatus: {}, byVerdict: {}, flagged: 0, estimateWon: 0, approvedEstimateWon: 0 };
    for (const r of rows) {
      const n = Number(r.claims);
      if (n === 0) continue;
      counts.total += n;
      counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + n;
      if (r.verdict) counts.byVerdict[r.verdict] = (counts.byVerdict[r.verdict] ?? 0) + n;
      if (r.flagged) counts.flagged += n;
      counts.estimateWon += Number(r.estimateWon);
      if (r.status === 'approved' || r.status === 'filed') counts.approvedEstimateWon += Number(r.estimateWon);
    }
    return counts;
  }

  /** The filter as SQL conditions on `claims cl` ($1 is the case): the queue's pages and a bulk decision's selection share them. */
  conditions(caseId: string, filter: QueueFilter, staffId: string): { where: string[]; params: unknown[] } {
    const params: unknown[] = [caseId];
    const where = ['cl.case_id = $1'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.q) this.search(filter.q, add, where);
    if (filter.status === 'open') add((n) => `cl.status = ANY($${n}::text[])`, OPEN_STATUSES);
    else if (filter.status) add((n) => `cl.status = $${n}`, filter.status);
    if (filter.verdict) add((n) => `cl.verdict = $${n}`, filter.verdict);
    // Every flag filter goes through the stored `flagged` column and its partial index: under
    // row-level security an array operator (not leakproof) cannot select an index (migration 0010).
    if (filter.flag === 'any') where.push('cl.flagged');
    else if (filter.flag === 'result-changed') where.push('cl.flagged AND cl.open_flags > 0');
    else if (filter.flag) add((n) => `cl.flagged AND cl.review_flags @> ARRAY[$${n}::text]`, filter.flag);
    if (filter.tier) add((n) => `cl.data_tier = $${n}`, filter.tier);
    // Days are Seoul's: from its midnight to the next.
    if (filter.from) add((n) => `cl.created_at >= ($${n}::date::timestamp AT TIME ZONE 'Asia/Seoul')`, filter.from);
    if (filter.to) add((n) => `cl.created_at < (($${n}::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`, filter.to);
    if (filter.assignee === 'none') where.push('cl.assignee_id IS NULL');
    else if (filter.assignee) add((n) => `cl.assignee_id = $${n}::uuid`, filter.assignee === 'me' ? staffId : filter.assignee);
    return { where, params };
  }

  /**
   * A claim number as typed (any case), an email address or a mobile number, by their blind
   * indexes. The claimants are looked up in the case by $1, not by the outer row's case_id: a
   * subquery that refers to the outer row stays a subplan run once per claim of the case (5 s at a
   * million claims), where one that does not is a join from the claimant's index entry.
   */
  private search(q: string, add: (sql: (n: number) => string, value: unknown) => void, where: string[]): void {
    const email = q.includes('@') ? parseEmailAddress(q) : null;
    const digits = q.replace(/[\s.-]/g, '');
    if (email) add((n) => `cl.claimant_id IN (SELECT id FROM claimants WHERE case_id = $1 AND email_hash = $${n})`, this.blindIndex.hash('email', email.canonical));
    else if (/^(\+82|0)1\d{8,9}$/.test(digits)) add((n) => `cl.claimant_id IN (SELECT id FROM claimants WHERE case_id = $1 AND phone_hash = $${n})`, this.blindIndex.hash('phone', normaliseKoreanMobile(digits)));
    else if (q.includes('@')) where.push('false');
    else add((n) => `cl.claim_number = $${n}`, q.toUpperCase());
  }
}
