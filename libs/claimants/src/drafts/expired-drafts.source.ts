import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { DRAFT_EXPIRED } from '../claims.queue';
import { ClaimDraftsRepository } from './claim-drafts.repository';

/**
 * Drafts left unsubmitted past their expiry: what a person typed and uploaded is kept no longer
 * than the form said (PIPA: destroyed once its purpose ends). The reconciler finds them firm by
 * firm and queues their deletion through the outbox.
 */
@StaleWork()
@Injectable()
export class ExpiredDrafts implements StaleWorkSource {
  readonly name = 'drafts past their expiry';
  readonly topic = DRAFT_EXPIRED;

  constructor(private readonly drafts: ClaimDraftsRepository) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.drafts.findExpired(tx, dueBefore, limit);
  }
}
