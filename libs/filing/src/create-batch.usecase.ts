import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
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
    // Both fields checked, so one answer names every problem.
    const [caseId, name] = allFields(() => caseIdOf(command.caseId), () => batchName(command.name));
    const id = randomUUID();
    return this.scope.run(command.firmId, async (tx) => {
      const cases = await this.batches.cases(tx);
      if (!cases.some((c) => c.id === caseId)) throw fieldError('caseId', 'isIn');
      const number = await this.batches.create(tx, { id, caseId, name, createdBy: command.staffId });
      return { id, number };
    });
  }
}

/** Each check's value, or one refusal naming every field whose check threw. */
function allFields<A, B>(a: () => A, b: () => B): [A, B] {
  const problems: { field: string; code: string }[] = [];
  const run = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      problems.push(...error.fieldErrors);
      return undefined;
    }
  };
  const values = [run(a), run(b)] as [A, B];
  if (problems.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems);
  return values;
}
