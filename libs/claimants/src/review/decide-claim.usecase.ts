import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { FirmScope } from '@app/database';
import { seoulToday } from '@app/eligibility';
import { ApiException } from '@app/http';
import { v7 as uuidv7 } from 'uuid';
import { ClaimsRepository } from '../claims.repository';
import { PersonalData } from '../personal-data';
import { DecisionWriter } from './decision-writer';
import { type DecisionRequest, decisionProblems, reasonProblem } from './decisions';
import { ReviewRepository } from './review.repository';

/** Who decides: the console's signed-in person (the controller has checked their role may). */
export interface Reviewer {
  staffId: string;
  firmId: string;
}

/**
 * One person's decision on one claim. The decision's own fields are checked against the case
 * first (every problem at once, nothing written); then the claim is locked and decided in one
 * transaction with its email. A claim that has moved on since the page showed it is a 409,
 * never a silent no-op.
 */
@Injectable()
export class DecideClaim {
  constructor(
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
    private readonly writer: DecisionWriter,
  ) {}

  async execute(reviewer: Reviewer, claimId: string, request: DecisionRequest): Promise<void> {
    // The case before the transaction (see CureClaim: a transaction must not wait for a second connection).
    const caseId = await this.scope.run(reviewer.firmId, async (tx) => (await this.claims.findClaim(tx, claimId))?.caseId ?? null);
    const kase = caseId ? await this.cases.findById(caseId) : null;
    if (!kase) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.notFound');
    const problems = decisionProblems(request, kase.definition, seoulToday());
    if (problems.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems);
    await this.scope.run(reviewer.firmId, async (tx) => {
      const { decided } = await this.writer.apply(tx, kase, [claimId], request, reviewer.staffId, null);
      if (decided.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'review.notDecidable');
    });
  }
}

/** An internal note on a claim: sealed (notes name people), never shown to the claimant. */
@Injectable()
export class AddClaimNote {
  constructor(
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly review: ReviewRepository,
    private readonly personalData: PersonalData,
  ) {}

  async execute(reviewer: Reviewer, claimId: string, body: string): Promise<void> {
    const problem = reasonProblem(body, true);
    if (problem) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'body', code: problem.code }]);
    await this.scope.run(reviewer.firmId, async (tx) => {
      if (!(await this.claims.findClaim(tx, claimId))) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.notFound');
      const id = uuidv7();
      await this.review.insertNote(tx, { id, claimId, staffId: reviewer.staffId, bodyEnc: this.personalData.sealNote(id, body.trim()) });
    });
  }
}

export type { DecisionRequest };
