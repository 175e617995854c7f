import { Injectable } from '@nestjs/common';
import { FirmScope, sqlRows } from '@app/database';
import { summarize } from './claim-funnel';
import { DashboardQuery } from './dashboard.query';
import { addDays, fillSeries, weekDays } from './time-buckets';
import type { WeeklyFigures } from './weekly-report';

/** The email that asks a claimant for what is missing (the automatic screening's and a person's request alike). */
export const DEFICIENCY_TEMPLATE = 'claim-needs-information';

/**
 * The weekly report for counsel: what happened to a case's claims in one Seoul week (Monday to
 * Sunday), and where things stand now. Counts only. The week's events are found through the
 * case's claims (claim_events, claim_decisions and notifications carry no case id).
 */
@Injectable()
export class WeeklyReportQuery {
  constructor(
    private readonly scope: FirmScope,
    private readonly dashboard: DashboardQuery,
  ) {}

  report(firmId: string, caseId: string, monday: Date): Promise<WeeklyFigures> {
    const days = weekDays(monday);
    const end = addDays(monday, 7);
    return this.scope.run(firmId, async (tx) => {
      const perDay = fillSeries(days, await this.dashboard.received(tx, caseId, 'day', monday, end));
      const statusChanges = await sqlRows<{ from: string | null; to: string; claims: number }>(
        tx.manager,
        `SELECT e.from_status AS "from", e.to_status AS "to", count(*)::int AS claims
           FROM claim_events e JOIN claims c ON c.id = e.claim_id
          WHERE c.case_id = $1 AND e.at >= $2 AND e.at < $3 AND e.from_status IS NOT NULL
          GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
        [caseId, monday, end],
      );
      const decisions = await sqlRows<{ kind: string; decisions: number }>(
        tx.manager,
        `SELECT d.kind, count(*)::int AS decisions
           FROM claim_decisions d JOIN claims c ON c.id = d.claim_id
          WHERE c.case_id = $1 AND d.at >= $2 AND d.at < $3
          GROUP BY 1 ORDER BY 1`,
        [caseId, monday, end],
      );
      const [notices] = await sqlRows<{ sent: number }>(
        tx.manager,
        `SELECT count(*)::int AS sent
           FROM notifications n JOIN claims c ON c.id = n.claim_id
          WHERE c.case_id = $1 AND n.template = $4 AND n.status = 'sent' AND n.sent_at >= $2 AND n.sent_at < $3`,
        [caseId, monday, end, DEFICIENCY_TEMPLATE],
      );
      const now = summarize(await this.dashboard.buckets(tx, caseId), 0);
      return {
        weekStart: monday,
        perDay,
        newClaims: perDay.reduce((sum, d) => sum + d.count, 0),
        statusChanges,
        decisions,
        deficiencyNotices: notices.sent,
        open: {
          submitted: now.byStatus.submitted,
          screened: now.byStatus.screened,
          manualReview: now.byStatus.manual_review,
          needsInformation: now.byStatus.needs_information,
          flagged: now.flagged,
        },
        estimateWon: now.estimateWon,
        total: now.total,
      };
    });
  }
}
