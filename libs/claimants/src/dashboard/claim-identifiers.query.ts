import { Injectable } from '@nestjs/common';
import { FirmScope, sqlRows } from '@app/database';

/**
 * Claim numbers and claimant ids, one for the other: the access log names whose data by
 * claimant id, and people (an auditor, counsel) know a claim by its number. Identifiers only,
 * nobody's personal fields.
 */
@Injectable()
export class ClaimIdentifiers {
  constructor(private readonly scope: FirmScope) {}

  /** The claimant of the claim numbered `claimNumber` in this firm, or null. */
  async claimantOf(firmId: string, claimNumber: string): Promise<string | null> {
    const [row] = await this.scope.run(firmId, (tx) => sqlRows<{ claimantId: string }>(tx.manager, `SELECT claimant_id AS "claimantId" FROM claims WHERE claim_number = $1`, [claimNumber]));
    return row?.claimantId ?? null;
  }

  /** Claim numbers by claimant id (ids of another firm, or unknown, are left out). */
  async claimNumbers(firmId: string, claimantIds: string[]): Promise<Map<string, string>> {
    if (claimantIds.length === 0) return new Map();
    const rows = await this.scope.run(firmId, (tx) =>
      sqlRows<{ claimantId: string; claimNumber: string }>(tx.manager, `SELECT claimant_id AS "claimantId", claim_number AS "claimNumber" FROM claims WHERE claimant_id = ANY($1::uuid[])`, [claimantIds]),
    );
    return new Map(rows.map((r) => [r.claimantId, r.claimNumber]));
  }
}
