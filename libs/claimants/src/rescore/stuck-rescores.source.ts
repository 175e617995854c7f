import { Injectable } from '@nestjs/common';
import { CASE_ACTIVATED } from '@app/cases';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { RescoreRuns } from './rescore-runs.repository';

/** Re-scoring runs that stopped moving: their job was lost with Redis's data. Queued again, they resume from their cursor. */
@StaleWork()
@Injectable()
export class StuckRescores implements StaleWorkSource {
  readonly name = 'rescore runs not moving';
  readonly topic = CASE_ACTIVATED;

  constructor(private readonly runs: RescoreRuns) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.runs.findStale(tx, dueBefore, limit);
  }
}
