import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { CasesService } from '@app/cases';
import { FirmScope } from '@app/database';
import { estimateDamages, evaluateInitialRules, seoulToday } from '@app/eligibility';
import { verifyClaim } from '@app/evidence';
import { NotificationsService } from '@app/notifications';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { statusAfterScreening } from './claim-status';
import { ASSESS_CLAIM } from './claims.queue';
import { AssessmentInput, AssessmentRecord, ClaimsRepository } from './claims.repository';
import { PersonalData } from './personal-data';

type Payload = PayloadOf<typeof ASSESS_CLAIM>;

/**
 * The first pass over a new claim: verification signals, initial eligibility, damage
 * estimate, status change and the receipt email, stored in one transaction per firm.
 *
 * Jobs stay one per claim (so retries and failures are per claim), but the worker runs
 * hundreds at once and this handler gathers the ones in flight into a single load and a
 * single write per firm: a surge costs a few round trips per batch, not per claim.
 */
@JobHandler(ASSESS_CLAIM)
@Injectable()
export class AssessClaimHandler implements HandlesJob<Payload> {
  private readonly loader = new DataLoader<Payload, void, string>((payloads) => this.assessBatch(payloads), {
    cache: false,
    maxBatchSize: 250,
    // Wait a moment so jobs fetched together land in one batch: each batch costs a few
    // transactions whatever its size, and a new claim's first pass is not in a hurry.
    batchScheduleFn: (run) => setTimeout(run, 20),
  });

  constructor(
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
    private readonly personalData: PersonalData,
    private readonly notifications: NotificationsService,
  ) {}

  handle(payload: Payload): Promise<void> {
    return this.loader.load(payload);
  }

  private async assessBatch(payloads: readonly Payload[]): Promise<(void | Error)[]> {
    const byFirm = new Map<string, string[]>();
    for (const { firmId, claimId } of payloads) byFirm.set(firmId, [...(byFirm.get(firmId) ?? []), claimId]);
    const failed = new Map<string, Error>();
    await Promise.all(
      [...byFirm].map(([firmId, claimIds]) =>
        this.assessForFirm(firmId, claimIds).then(
          (errors) => errors.forEach((error, claimId) => failed.set(claimId, error)),
          (error: unknown) => claimIds.forEach((id) => failed.set(id, error instanceof Error ? error : new Error(String(error)))),
        ),
      ),
    );
    return payloads.map((p) => failed.get(p.claimId));
  }

  /**
   * Returns the claims that failed on their own; a failure of the whole batch rejects. Three
   * short steps, never two connections at once: read the batch, record the access and open the
   * fields it needs, then write every result in one transaction.
   */
  private async assessForFirm(firmId: string, claimIds: string[]): Promise<Map<string, Error>> {
    // A claim already past `submitted` was assessed before: this is a retried job.
    const inputs = (await this.scope.run(firmId, (tx) => this.claims.loadForAssessment(tx, claimIds))).filter((i) => i.claim.status === 'submitted');
    if (inputs.length === 0) return new Map();
    const people = await this.personalData.reveal(
      firmId,
      { kind: 'system', job: ASSESS_CLAIM.name },
      'claimant.read',
      inputs.map((i) => ({ claimant: i.claimant, signature: i.signature })),
      ['name', 'birthDate', 'signedName'],
      // The results are committed below, which makes this record durable too.
      'caller-commit',
    );
    const today = seoulToday();
    const results: AssessmentRecord[] = [];
    const errors = new Map<string, Error>();
    for (const [index, input] of inputs.entries()) {
      try {
        results.push(await this.assessOne(input, people[index], today));
      } catch (error) {
        errors.set(input.claim.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const locale = new Map(inputs.map((i) => [i.claim.id, i.claim.locale]));
    await this.scope.run(firmId, async (tx) => {
      const moved = await this.claims.saveAssessments(tx, results);
      await this.notifications.requestEmails(
        tx,
        moved.map(({ claimId }) => ({ claimId, template: 'claim-receipt' as const, locale: locale.get(claimId)!, dedupeKey: `claim-receipt:${claimId}` })),
      );
    });
    return errors;
  }

  private async assessOne(
    { claim, samePhoneClaims, sameIpClaims24h }: AssessmentInput,
    person: { name: string; birthDate: string; signedName: string },
    today: string,
  ): Promise<AssessmentRecord> {
    const kase = await this.cases.findById(claim.caseId);
    if (!kase) throw new Error(`case ${claim.caseId} not found`);
    const verification = verifyClaim({ claimantName: person.name, typedSignatureName: person.signedName, samePhoneClaims, sameIpClaims24h });
    const evaluation = evaluateInitialRules({
      answers: claim.answers,
      birthDate: person.birthDate,
      today,
      samePhoneClaims: verification.samePhoneClaims,
      sameIpClaims24h: verification.sameIpClaims24h,
      signatureMatchesName: verification.signatureMatchesName,
      limitationYears: kase.limitationYears,
    });
    const estimate = estimateDamages(kase.damageModel, claim.answers);
    return {
      claimId: claim.id,
      rulesVersion: evaluation.rulesVersion,
      modelVersion: estimate.modelVersion,
      verification,
      verdict: evaluation.verdict,
      reasons: evaluation.reasons,
      estimateWon: estimate.amountWon,
      estimateBreakdown: estimate.breakdown,
      nextStatus: statusAfterScreening(evaluation.verdict),
    };
  }
}
