import { Injectable } from '@nestjs/common';
import { type FirmTx, sqlRows } from '@app/database';

export interface UnsealedClaimant {
  id: string;
  firmId: string;
  nameEnc: Buffer;
  birthDateEnc: Buffer;
  addressEnc: Buffer;
}

/** Claimants without a party record (taken in before migration 0013), and the sealing of one. */
@Injectable()
export class PartyRecordsRepository {
  /** Oldest first, through the partial index that holds only these (claimants_unsealed_party_idx). */
  async findUnsealed(tx: FirmTx, before: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      tx.manager,
      `SELECT id FROM claimants WHERE firm_id = $1 AND party_enc IS NULL AND created_at < $2 ORDER BY created_at LIMIT $3`,
      [tx.firmId, before, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The claimant's three columns, if they still have no party record. */
  async findUnsealedOne(tx: FirmTx, claimantId: string): Promise<UnsealedClaimant | null> {
    const [row] = await sqlRows<UnsealedClaimant>(
      tx.manager,
      `SELECT id, firm_id AS "firmId", name_enc AS "nameEnc", birth_date_enc AS "birthDateEnc", address_enc AS "addressEnc"
         FROM claimants WHERE id = $1 AND party_enc IS NULL`,
      [claimantId],
    );
    return row ?? null;
  }

  /** Writes the record unless one is there already (a repeated or concurrent job). */
  async seal(tx: FirmTx, claimantId: string, partyEnc: Buffer): Promise<void> {
    await tx.manager.query(`UPDATE claimants SET party_enc = $2 WHERE id = $1 AND party_enc IS NULL`, [claimantId, partyEnc]);
  }
}
