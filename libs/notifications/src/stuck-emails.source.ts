import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { NOTIFICATION_CREATED } from './notifications.queue';
import { NotificationsRepository } from './notifications.repository';

/** Emails long due and still unsent: their job was lost (Redis) or their sender died. */
@StaleWork()
@Injectable()
export class StuckEmails implements StaleWorkSource {
  readonly name = 'emails awaiting sending';
  readonly topic = NOTIFICATION_CREATED;

  constructor(private readonly repository: NotificationsRepository) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.repository.findStale(tx, dueBefore, limit);
  }
}
