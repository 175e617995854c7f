import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { StaleWork, StaleWorkSource } from '@app/queue';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { EVIDENCE_STORED } from './evidence.queue';

/** Uploads long stored and still not prepared for review: their job was lost. */
@StaleWork()
@Injectable()
export class StuckEvidence implements StaleWorkSource {
  readonly name = 'evidence awaiting preparation';
  readonly topic = EVIDENCE_STORED;

  constructor(private readonly files: EvidenceFilesRepository) {}

  findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    return this.files.findStale(tx, dueBefore, limit);
  }
}
