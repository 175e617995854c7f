import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { CLAIM_SUBMITTED } from './claims.queue';
import { ClaimsRepository } from './claims.repository';

/** Claims long submitted and still not assessed: their job was lost with Redis's data. */
@StaleWork()
@Injectable()
export class StuckClaims implements StaleWorkSource {
  readonly name = 'claims awaiting assessment';
  readonly topic = CLAIM_SUBMITTED;

  constructor(private readonly claims: ClaimsRepository) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.claims.findStale(tx, dueBefore, limit);
  }
}
