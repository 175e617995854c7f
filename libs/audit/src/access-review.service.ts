import { Injectable } from '@nestjs/common';
import { FirmScope, sqlRows, uniqueViolation } from '@app/database';
import { type ChainReport, ChainVerifier } from './chain-verifier.service';

export interface AccessReview {
  month: string;
  reviewedBy: string;
  reviewedAt: Date;
  rows: number;
  chainOk: boolean;
  chainHead: string | null;
  findings: string;
}

export class ReviewAlreadyRecorded extends Error {
  constructor(readonly month: string) {
    super(`the access log of ${month} was already reviewed`);
    this.name = 'ReviewAlreadyRecorded';
  }
}

/**
 * The monthly review of the access log that PIPA asks for: an auditor looks at the month's
 * records and writes what they found; the review stores the chain's verification at that moment
 * (how many rows the verified chain holds, intact or not, the head hash) so a later reader can
 * tell what was vouched for. Intact means the rows since the last verified head hold (checked
 * now, as the page checks them) and so did the newest full recomputation.
 * One review per month: a second is refused (access_reviews_month_uq), never overwritten.
 */
@Injectable()
export class AccessReviews {
  constructor(
    private readonly scope: FirmScope,
    private readonly chain: ChainVerifier,
  ) {}

  list(firmId: string, months: string[]): Promise<AccessReview[]> {
    return this.scope.run(firmId, (tx) =>
      sqlRows<AccessReview>(
        tx.manager,
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", rows, chain_ok AS "chainOk",
                chain_head AS "chainHead", findings
           FROM access_reviews WHERE month = ANY($1::date[]) ORDER BY month DESC`,
        [months],
      ),
    );
  }

  /** Verifies the chain and records the review of `month` (YYYY-MM-01) by `staffId`. */
  async record(firmId: string, input: { month: string; staffId: string; findings: string }): Promise<{ review: AccessReview; report: ChainReport }> {
    const report = await this.chain.verifySinceCheckpoint(firmId, input.staffId);
    const { last } = await this.chain.fullVerifications(firmId);
    const intact = report.firstBreak === null && !last?.firstBreak;
    try {
      const [review] = await this.scope.run(firmId, (tx) =>
        sqlRows<AccessReview>(
          tx.manager,
          `INSERT INTO access_reviews (id, firm_id, month, reviewed_by, rows, chain_ok, chain_head, findings)
           VALUES (gen_random_uuid(), $1, $2::date, $3, $4, $5, $6, $7)
           RETURNING to_char(month, 'YYYY-MM-DD') AS month, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", rows, chain_ok AS "chainOk",
                     chain_head AS "chainHead", findings`,
          [firmId, input.month, input.staffId, Number(report.head?.seq ?? 0), intact, report.head?.hash ?? null, input.findings],
        ),
      );
      return { review, report };
    } catch (error) {
      if (uniqueViolation(error) === 'access_reviews_month_uq') throw new ReviewAlreadyRecorded(input.month);
      throw error;
    }
  }
}
