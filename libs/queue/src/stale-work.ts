import { DiscoveryService } from '@nestjs/core';
import type { FirmTx } from '@app/database';

/**
 * Work that should have moved on by now (a claim still unassessed, an email still unsent), as
 * found by the module that owns it. The reconciler asks each source, firm by firm, and queues
 * the ids again through the outbox under the source's topic; the job ids are deterministic, so
 * work that is merely slow is not doubled.
 */
export interface StaleWorkSource {
  readonly name: string;
  /** An outbox topic with a route. */
  readonly topic: string;
  /** Ids of this firm's work that was due before `dueBefore` and is still not done. */
  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]>;
}

export const StaleWork = DiscoveryService.createDecorator<void>();
