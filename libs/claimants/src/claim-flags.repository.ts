import { Injectable } from '@nestjs/common';
import { FirmTx, sqlRows } from '@app/database';
import type { ClaimFlagEntity } from './entities/claim-flag.entity';

export type NewFlag = Pick<ClaimFlagEntity, 'claimId' | 'rescoreRunId' | 'dedupeKey' | 'details'>;

/** Flags for a person to look at, counted on the claim for the review queue. Idempotent by dedupe key. */
@Injectable()
export class ClaimFlags {
  /** Returns how many were new. */
  async add(tx: FirmTx, flags: NewFlag[]): Promise<number> {
    if (flags.length === 0) return 0;
    const rows = await sqlRows<{ id: string }>(
      tx.manager,
      `WITH ins AS (
         INSERT INTO claim_flags (claim_id, firm_id, kind, rescore_run_id, details, dedupe_key)
         SELECT t.claim_id, $1, 'result-changed', t.run_id, t.details, t.dedupe_key
           FROM unnest($2::uuid[], $3::uuid[], $4::jsonb[], $5::text[]) AS t(claim_id, run_id, details, dedupe_key)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id, claim_id
       ), counted AS (
         -- The review queue's count of flags waiting for a person.
         UPDATE claims cl SET open_flags = cl.open_flags + n.added FROM (SELECT claim_id, count(*)::int AS added FROM ins GROUP BY claim_id) n WHERE cl.id = n.claim_id
       )
       SELECT id FROM ins`,
      [tx.firmId, flags.map((f) => f.claimId), flags.map((f) => f.rescoreRunId), flags.map((f) => JSON.stringify(f.details)), flags.map((f) => f.dedupeKey)],
    );
    return rows.length;
  }
}
