import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { CHAIN_VERIFICATION_REQUESTED } from './audit.queue';
import { ChainVerifier } from './chain-verifier.service';

/** Full recomputations that stopped moving: their job was lost with Redis's data. Queued again, they resume from their place. */
@StaleWork()
@Injectable()
export class StuckVerifications implements StaleWorkSource {
  readonly name = 'chain recomputations not moving';
  readonly topic = CHAIN_VERIFICATION_REQUESTED;

  constructor(private readonly chain: ChainVerifier) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.chain.findStale(tx, dueBefore, limit);
  }
}
