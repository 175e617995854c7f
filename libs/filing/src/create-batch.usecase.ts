import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FirmScope } from '@app/database';
import { fieldError } from './batch-errors';
import { FilingBatchesRepository } from './filing-batches.repository';
import { batchName, caseIdOf } from './filing-input';

export interface CreateBatchCommand {
  firmId: string;
  staffId: string;
  caseId: unknown;
  name: unknown;
}

/** A new, empty, open filing round for one of the firm's cases, numbered after its last. */
@Injectable()
export class CreateBatch {
  constructor(
    private readonly scope: FirmScope,
    private readonly batches: FilingBatchesRepository,
  ) {}

  async execute(command: CreateBatchCommand): Promise<{ id: string; number: number }> {
    const caseId = caseIdOf(command.caseId);
    const name = batchName(command.name);
    const id = randomUUID();
    return this.scope.run(command.firmId, async (tx) => {
      const cases = await this.batches.cases(tx);
      if (!cases.some((c) => c.id === caseId)) throw fieldError('caseId', 'isIn');
      const number = await this.batches.create(tx, { id, caseId, name, createdBy: command.staffId });
      return { id, number };
    });
  }
}
