import { Injectable } from '@nestjs/common';
import { FirmScope, type FirmTx, sqlRows } from '@app/database';
import { type CaseSummary, type CountBucket, summarize } from './claim-funnel';
import { addDays, fillSeries, lastDays, lastHours } from './time-buckets';

export interface FirmCase {
  id: string;
  slug: string;
  title: { ko: string; en: string };
}

export interface ClaimsOverTime {
  perDay: { start: Date; count: number }[];
  perHour: { start: Date; count: number }[];
}

/**
 * The dashboard's figures for one case: counts and money from claim_counts (a sum over a few
 * hundred counter rows, whatever the number of claims), and claims received over time as range
 * counts over claims_queue_received_idx (case_id, created_at, id). Counts only, no one's details.
 */
@Injectable()
export class DashboardQuery {
  constructor(private readonly scope: FirmScope) {}

  /** The firm's cases, for the case picker. */
  cases(firmId: string): Promise<FirmCase[]> {
    return this.scope.run(firmId, (tx) =>
      sqlRows<FirmCase>(
        tx.manager,
        `SELECT c.id, c.slug, jsonb_build_object('ko', v.definition->'title'->>'ko', 'en', v.definition->'title'->>'en') AS title
           FROM cases c JOIN case_versions v ON v.case_id = c.id AND v.version = c.active_version
          WHERE c.firm_id = $1 ORDER BY c.created_at, c.slug`,
        [firmId],
      ),
    );
  }

  summary(firmId: string, caseId: string): Promise<CaseSummary> {
    return this.scope.run(firmId, async (tx) => summarize(await this.buckets(tx, caseId), await this.draftsInProgress(tx, caseId)));
  }

  overTime(firmId: string, caseId: string, now = new Date()): Promise<ClaimsOverTime> {
    const days = lastDays(now, 30);
    const hours = lastHours(now, 48);
    return this.scope.run(firmId, async (tx) => ({
      perDay: fillSeries(days, await this.received(tx, caseId, 'day', days[0], addDays(days.at(-1)!, 1))),
      perHour: fillSeries(hours, await this.received(tx, caseId, 'hour', hours[0], new Date(hours.at(-1)!.getTime() + 3_600_000))),
    }));
  }

  /**
   * Claims received per Seoul day or hour in [from, to), which start on whole hours: summed from
   * claim_arrivals (hourly counts a trigger keeps), not counted from the claims themselves.
   */
  received(tx: FirmTx, caseId: string, unit: 'day' | 'hour', from: Date, to: Date): Promise<{ bucket: Date; claims: number }[]> {
    return sqlRows(
      tx.manager,
      `SELECT date_trunc($4, hour, 'Asia/Seoul') AS bucket, sum(claims)::int AS claims
         FROM claim_arrivals WHERE case_id = $1 AND hour >= $2 AND hour < $3
        GROUP BY 1 HAVING sum(claims) <> 0`,
      [caseId, from, to, unit],
    );
  }

  /** claim_counts summed over its slots. */
  buckets(tx: FirmTx, caseId: string): Promise<CountBucket[]> {
    return sqlRows<CountBucket>(
      tx.manager,
      `SELECT status, verdict, flagged, sum(claims)::int AS claims, sum(estimate_won)::float8 AS "estimateWon"
         FROM claim_counts WHERE case_id = $1 GROUP BY status, verdict, flagged`,
      [caseId],
    );
  }

  /** Drafts not yet submitted (a submitted draft is emptied and kept; an expired one is deleted). */
  private async draftsInProgress(tx: FirmTx, caseId: string): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(tx.manager, `SELECT count(*)::int AS n FROM claim_drafts WHERE case_id = $1 AND submitted_at IS NULL`, [caseId]);
    return row.n;
  }
}

