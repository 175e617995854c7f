import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { PARTY_UNSEALED } from '../claims.queue';
import { PartyRecordsRepository } from './party-records.repository';

/**
 * Claimants taken in before party records existed (migration 0013): a plaintiff list opens
 * three values for each of them instead of one. The reconciler finds them firm by firm and
 * queues the sealing of their records, until there are none; intake writes every new one.
 */
@StaleWork()
@Injectable()
export class UnsealedParties implements StaleWorkSource {
  readonly name = 'claimants without a party record';
  readonly topic = PARTY_UNSEALED;

  constructor(private readonly records: PartyRecordsRepository) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.records.findUnsealed(tx, dueBefore, limit);
  }
}
