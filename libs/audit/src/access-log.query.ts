import { Injectable } from '@nestjs/common';
import { FirmScope, sqlRows } from '@app/database';
import type { AccessLogFilter } from './access-log-filter';

/** One access record as the auditor's page shows it: the five PIPA fields, identifiers only. */
export interface AccessLogRow {
  id: string;
  /** The row's place in its firm's chain: the page's order and cursor. */
  seq: string;
  at: Date;
  actorType: 'staff' | 'system' | 'claimant';
  actorId: string;
  ip: string | null;
  subjectClaimantId: string | null;
  subjectCount: number;
  action: string;
  fields: string[];
  reason: string | null;
}

/** The filter with the claim number already turned into a claimant id by the caller. */
export type ResolvedAccessLogFilter = Omit<AccessLogFilter, 'claimNumber'>;

/**
 * Reads a firm's access log for its auditor, newest first, keyset-paged by chain sequence
 * (access_log_chain_idx: the order the chain trigger wrote the rows in; ids come from a cached
 * identity and are not in insert order across connections), so "below the last one shown" is a
 * stable next page whatever is appended meanwhile. Dates are Seoul days.
 */
@Injectable()
export class AccessLogQuery {
  constructor(private readonly scope: FirmScope) {}

  /** Up to `limit` rows after the filter's cursor, and whether more follow. */
  async page(firmId: string, filter: ResolvedAccessLogFilter, limit: number): Promise<{ rows: AccessLogRow[]; more: boolean }> {
    const rows = await this.scope.run(firmId, (tx) => {
      const { where, params } = conditions(filter);
      return sqlRows<AccessLogRow>(
        tx.manager,
        `SELECT id::text, chain_seq::text AS seq, at, actor_type AS "actorType", actor_id AS "actorId", host(ip) AS ip, subject_claimant_id AS "subjectClaimantId",
                subject_count AS "subjectCount", action, fields, reason
           FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY chain_seq DESC LIMIT ${Math.floor(limit) + 1}`,
        params,
      );
    });
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Every row the filter matches, page by page (for the download; memory stays one page). */
  async *all(firmId: string, filter: ResolvedAccessLogFilter, pageSize = 2_000): AsyncGenerator<AccessLogRow[]> {
    let afterId = filter.afterId;
    for (;;) {
      const { rows, more } = await this.page(firmId, { ...filter, afterId }, pageSize);
      if (rows.length) yield rows;
      if (!more) return;
      afterId = rows[rows.length - 1].seq;
    }
  }
}

function conditions(filter: ResolvedAccessLogFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.from) add((p) => `at >= (${p}::date::timestamp AT TIME ZONE 'Asia/Seoul')`, filter.from);
  if (filter.to) add((p) => `at < ((${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`, filter.to);
  if (filter.staffId) add((p) => `actor_type = 'staff' AND actor_id = ${p}`, filter.staffId);
  if (filter.action) add((p) => `action = ${p}`, filter.action);
  // A person's own rows, and the rows of exports that covered them (access_log_subjects).
  if (filter.claimantId) add((p) => `(subject_claimant_id = ${p}::uuid OR id IN (SELECT access_log_id FROM access_log_subjects WHERE claimant_id = ${p}::uuid))`, filter.claimantId);
  if (filter.afterId) add((p) => `chain_seq < ${p}::bigint`, filter.afterId);
  return { where, params };
}
