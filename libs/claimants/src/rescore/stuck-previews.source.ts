import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { VERSION_PREVIEW_REQUESTED } from './preview.queue';
import { VersionPreviews } from './version-previews.repository';

/** Previews that stopped moving: their job was lost with Redis's data. Queued again, they resume from their cursor. */
@StaleWork()
@Injectable()
export class StuckPreviews implements StaleWorkSource {
  readonly name = 'version previews not moving';
  readonly topic = VERSION_PREVIEW_REQUESTED;

  constructor(private readonly previews: VersionPreviews) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.previews.findStale(tx, dueBefore, limit);
  }
}
