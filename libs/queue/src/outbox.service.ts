import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import type { OutboxEntry } from './outbox-route';
import { OutboxRepository } from './outbox.repository';

/** The door other modules use to schedule work: rows join the caller's firm transaction. */
@Injectable()
export class OutboxService {
  constructor(private readonly repository: OutboxRepository) {}

  /** Entries must belong to the transaction's firm. */
  enqueue(tx: FirmTx, entries: Omit<OutboxEntry, 'firmId'>[]): Promise<void> {
    return this.repository.add(tx.manager, entries.map((e) => ({ ...e, firmId: tx.firmId })));
  }
}
