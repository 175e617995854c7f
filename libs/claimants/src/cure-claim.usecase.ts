import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { type Answers, answersValidator, isShown, seoulToday } from '@app/eligibility';
import { ApiException, FieldError } from '@app/http';
import { OutboxService } from '@app/queue';
import type { ClaimStatus } from './claim-status';
import { CLAIM_FACTS_CHANGED } from './claims.queue';
import { ClaimsRepository } from './claims.repository';
import type { CureClaimDto } from './dto/cure-claim.dto';
import { claimOfLink, statusRef } from './claimant-link';
import { awaitsInformation } from './claimant-view';

export interface CureResult {
  status: ClaimStatus;
  factsVersion: number;
}

/**
 * A claimant answers what their claim was missing. The answers are merged with the earlier
 * ones and checked against the case's active questionnaire; the claim goes back to `submitted`
 * (the status machine's cure) with a new facts version, and is assessed again: a new
 * assessment, the earlier one kept as history. All in one transaction with the outbox row.
 */
@Injectable()
export class CureClaim {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
    private readonly outbox: OutboxService,
  ) {}

  async execute(body: CureClaimDto): Promise<CureResult> {
    const ref = statusRef(this.tokens, body.token);
    // The case first, outside the transaction: loading it may need a connection of its own, which
    // a transaction waiting for one while holding another must never ask for (a full pool deadlocks).
    const caseId = await this.scope.run(ref.firmId, async (tx) => (await this.claims.findClaim(tx, ref.claimId))?.caseId ?? null);
    const kase = caseId ? await this.cases.findById(caseId) : null;
    return this.scope.run(ref.firmId, async (tx) => {
      const claim = await claimOfLink(tx, this.claims, ref);
      const latest = (await this.claims.findWithAssessment(tx, claim.id))?.assessment ?? null;
      if (!awaitsInformation(claim.status, latest)) throw new ApiException(HttpStatus.CONFLICT, 'claim.notAwaitingInformation');
      if (!kase || kase.id !== claim.caseId) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
      const answers = this.merge(kase.definition.questionnaire, claim.answers, body.answers);
      const factsVersion = (await this.claims.recordFact(tx, claim.id, 'cured', answers))!;
      await this.claims.moveStatuses(tx, [{ claimId: claim.id, from: claim.status, to: 'submitted' }], 'claimant', 'cured');
      await this.outbox.enqueue(tx, [{ topic: CLAIM_FACTS_CHANGED, aggregateId: claim.id }]);
      return { status: 'submitted' as const, factsVersion };
    });
  }

  /**
   * The earlier answers with the new ones over them, limited to what the active questionnaire
   * asks (it may have changed since the claim came in); new answers to anything else are refused.
   */
  private merge(questionnaire: Parameters<typeof answersValidator>[0], earlier: Answers, given: Record<string, unknown>): Answers {
    const asked = new Set(questionnaire.questions.map((q) => q.id));
    const merged: Answers = {};
    for (const [id, value] of Object.entries({ ...earlier, ...given })) if (asked.has(id)) merged[id] = value;
    // An earlier answer to a question the new answers hide is dropped, not refused.
    for (const q of questionnaire.questions) if (!isShown(q, merged) && !(q.id in given)) delete merged[q.id];
    const errors: FieldError[] = [
      ...Object.keys(given).filter((id) => !asked.has(id)).map((id) => ({ field: `answers.${id}`, code: 'whitelistValidation' })),
      ...answersValidator(questionnaire)(merged, seoulToday()).map((p) => ({ field: p.question ? `answers.${p.question}` : 'answers', code: p.code, ...(p.label ? { label: p.label } : {}) })),
    ];
    if (errors.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
    return merged;
  }
}
