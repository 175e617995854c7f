import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { CasesService } from '@app/cases';
import { FirmScope } from '@app/database';
import { assessClaim, evidenceCounts, resultChanged, seoulToday } from '@app/eligibility';
import { EvidenceService, verifyClaim } from '@app/evidence';
import { NotificationsService } from '@app/notifications';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { filingFactsOf, signalsOf, toRecord } from './assessment-record';
import { DECIDED_STATUSES, statusAfterAssessment, type ClaimStatus } from './claim-status';
import { awaitsInformation } from './claimant-view';
import { ASSESS_CLAIM } from './claims.queue';
import { AssessmentInput, AssessmentRecord, ClaimsRepository, StatusMove } from './claims.repository';
import { ClaimFlags } from './claim-flags.repository';
import { PersonalData } from './personal-data';

type Payload = PayloadOf<typeof ASSESS_CLAIM>;

/**
 * Assesses a claim on its latest facts with its case's active version: verification signals,
 * every eligibility rule, the damage estimate, the status move and (the first time) the
 * receipt email, stored in one transaction per firm. Runs for a new claim and again for every
 * new fact (a cure, a staff request); each run is a new assessment, earlier ones stay as
 * history. A claim a person has decided is not moved: a changed result flags it for review.
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
    private readonly flags: ClaimFlags,
    private readonly evidence: EvidenceService,
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
    const { loaded, evidence } = await this.scope.run(firmId, async (tx) => {
      const loaded = await this.claims.loadForAssessment(tx, claimIds);
      return { loaded, evidence: await this.evidence.kindsByOwner(tx, loaded.map((i) => i.claim.id)) };
    });
    const errors = new Map<string, Error>();
    const due: AssessmentInput[] = [];
    for (const input of loaded) {
      const kase = await this.cases.findById(input.claim.caseId);
      if (!kase) {
        errors.set(input.claim.id, new Error(`case ${input.claim.caseId} has no active version`));
        continue;
      }
      // Already assessed on these facts under these versions: a retried or repeated job.
      const latest = input.latest;
      const d = kase.definition;
      const current = latest && latest.factsVersion === input.claim.factsVersion && latest.rulesVersion === d.rules.version && latest.modelVersion === d.damages.version;
      if (!current && input.claim.status !== 'withdrawn') due.push(input);
    }
    if (due.length === 0) return errors;
    const people = await this.personalData.reveal(
      firmId,
      { kind: 'system', job: ASSESS_CLAIM.name },
      'claimant.read',
      due.map((i) => ({ claimant: i.claimant, signature: i.signature })),
      ['name', 'birthDate', 'signedName'],
      // The results are committed below, which makes this record durable too.
      'caller-commit',
    );
    // A minor's guardian signed: their name is what the signature is checked against.
    const withGuardian = due.filter((i) => i.guardian);
    const guardians = await this.personalData.reveal(
      firmId,
      { kind: 'system', job: ASSESS_CLAIM.name },
      'guardian.read',
      withGuardian.map((i) => ({ claimant: i.claimant, guardian: i.guardian! })),
      ['guardianName'],
      'caller-commit',
    );
    const guardianName = new Map(withGuardian.map((i, n) => [i.claim.id, guardians[n].guardianName]));
    const today = seoulToday();
    const results: { input: AssessmentInput; record: AssessmentRecord; next: ClaimStatus }[] = [];
    for (const [index, input] of due.entries()) {
      try {
        results.push(await this.assessOne(input, { ...people[index], guardianName: guardianName.get(input.claim.id) ?? null }, evidence.get(input.claim.id) ?? [], today));
      } catch (error) {
        errors.set(input.claim.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const open = results.filter((r) => !DECIDED_STATUSES.includes(r.input.claim.status));
    const decided = results.filter((r) => DECIDED_STATUSES.includes(r.input.claim.status));
    await this.scope.run(firmId, async (tx) => {
      const inserted = await this.claims.saveAssessments(tx, open.map((r) => r.record));
      const moves: StatusMove[] = open
        .filter((r) => inserted.has(r.input.claim.id) && r.next !== r.input.claim.status)
        .map((r) => ({ claimId: r.input.claim.id, from: r.input.claim.status, to: r.next }));
      const moved = await this.claims.moveStatuses(tx, moves, 'system', 'assessment');
      // The receipt goes out once, when the first assessment moves the claim out of `submitted`.
      const receipts = moved.filter((m) => m.from === 'submitted' && results.find((r) => r.input.claim.id === m.claimId)?.record.trigger === 'submitted');
      const locale = new Map(due.map((i) => [i.claim.id, i.claim.locale]));
      // A claim the assessment finds missing something gets a deficiency notice with its deadline,
      // once per set of facts: decided by what the claimant's screens show (a claim held for a
      // staff-only signal gets the notice a clean claim would, no more and no less).
      const factsOf = new Map(results.map((r) => [r.input.claim.id, r.record.factsVersion]));
      const statusNow = new Map(open.map((r) => [r.input.claim.id, r.next]));
      const notices = open
        .filter((r) => inserted.has(r.input.claim.id) && awaitsInformation(statusNow.get(r.input.claim.id)!, r.record))
        .map((r) => ({ claimId: r.input.claim.id }));
      await this.notifications.requestEmails(tx, [
        ...receipts.map(({ claimId }) => ({ claimId, template: 'claim-receipt' as const, locale: locale.get(claimId)!, dedupeKey: `claim-receipt:${claimId}` })),
        ...notices.map(({ claimId }) => ({
          claimId, template: 'claim-needs-information' as const, locale: locale.get(claimId)!, dedupeKey: `claim-needs-information:${claimId}:${factsOf.get(claimId)}`,
        })),
      ]);
      await this.flags.add(
        tx,
        decided
          .filter((r) => r.input.latest && resultChanged(r.input.latest, r.record))
          .map((r) => ({
            claimId: r.input.claim.id,
            rescoreRunId: null,
            dedupeKey: `fact:${r.input.claim.id}:${r.record.factsVersion}:${r.record.rulesVersion}:${r.record.modelVersion}`,
            details: { trigger: r.record.trigger, old: r.input.latest, new: { verdict: r.record.verdict, estimateWon: r.record.estimateWon, rulesVersion: r.record.rulesVersion, modelVersion: r.record.modelVersion } },
          })),
      );
    });
    return errors;
  }

  private async assessOne(
    input: AssessmentInput,
    person: { name: string; birthDate: string; signedName: string; guardianName: string | null },
    evidenceKinds: string[],
    today: string,
  ): Promise<{ input: AssessmentInput; record: AssessmentRecord; next: ClaimStatus }> {
    const { claim, samePhoneClaims, sameIpClaims24h } = input;
    const kase = (await this.cases.findById(claim.caseId))!;
    const d = kase.definition;
    const verification = verifyClaim({
      claimantName: person.name,
      guardianName: person.guardianName,
      typedSignatureName: person.signedName,
      samePhoneClaims,
      sameIpClaims24h,
      evidence: evidenceCounts(d.evidence, evidenceKinds.map((kind) => ({ kind }))),
    });
    const result = assessClaim(
      { questionnaire: d.questionnaire, rules: d.rules, damages: d.damages, limitationYears: d.limitationYears },
      { answers: claim.answers, birthDate: person.birthDate, signals: signalsOf(verification), today, ...filingFactsOf(verification) },
    );
    const record = toRecord(claim, kase.version, claim.lastFact, verification, result);
    return { input, record, next: statusAfterAssessment(claim.status, result.evaluation.verdict) };
  }
}
