import { Injectable, Logger } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { CasesService } from '@app/cases';
import { FieldCipher } from '@app/crypto';
import { estimateDamages, evaluateInitialRules, seoulToday } from '@app/eligibility';
import { verifyClaim } from '@app/evidence';
import { NotificationsService } from '@app/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@app/queue';
import { statusAfterScreening } from './claim-status';
import { AssessmentInputRow, AssessmentResult, ClaimsRepository } from './claims.repository';

/**
 * The first pass over a new claim: verification signals, initial eligibility, damage
 * estimate, status change and the receipt email, all stored in one transaction.
 *
 * Jobs stay one per claim (so retries and failures are per claim), but the worker runs
 * hundreds at once and this handler gathers the ones in flight into a single load and a
 * single write: a surge costs a few round trips per batch, not per claim.
 */
@JobHandler({ queue: 'claims', name: 'assess-claim' })
@Injectable()
export class AssessClaimHandler implements HandlesJob<JobPayload<'claims', 'assess-claim'>> {
  private readonly logger = new Logger(AssessClaimHandler.name);
  private readonly loader = new DataLoader<string, void>((ids) => this.assessBatch(ids), {
    cache: false,
    maxBatchSize: 250,
    // Wait a moment so jobs fetched together land in one batch.
    batchScheduleFn: (run) => setTimeout(run, 5),
  });

  constructor(
    private readonly db: DataSource,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
    private readonly cipher: FieldCipher,
    private readonly notifications: NotificationsService,
  ) {}

  handle({ claimId }: JobPayload<'claims', 'assess-claim'>): Promise<void> {
    return this.loader.load(claimId);
  }

  private async assessBatch(ids: readonly string[]): Promise<(void | Error)[]> {
    const rows = await this.claims.loadForAssessment([...ids]);
    const byId = new Map(rows.map((r) => [r.claim_id, r]));
    const results: AssessmentResult[] = [];
    const outcome = new Map<string, Error | undefined>();
    const today = seoulToday();

    for (const id of ids) {
      const row = byId.get(id);
      if (!row) {
        // Not in Postgres: nothing to assess (should not happen: the outbox row commits with the claim).
        outcome.set(id, undefined);
        continue;
      }
      if (row.status !== 'submitted') continue; // already past the first pass: a retried job
      try {
        results.push(await this.assessOne(row, today));
      } catch (error) {
        outcome.set(id, error instanceof Error ? error : new Error(String(error)));
      }
    }

    await this.db.transaction(async (tx) => {
      const moved = await this.claims.saveAssessments(tx, results);
      await this.notifications.requestEmails(
        moved.map(({ claimId }) => ({
          firmId: byId.get(claimId)!.firm_id,
          claimId,
          template: 'claim-receipt' as const,
          locale: byId.get(claimId)!.locale,
          dedupeKey: `claim-receipt:${claimId}`,
        })),
        tx,
      );
    });
    return ids.map((id) => outcome.get(id));
  }

  private async assessOne(row: AssessmentInputRow, today: string): Promise<AssessmentResult> {
    const kase = await this.cases.findById(row.case_id);
    if (!kase) throw new Error(`case ${row.case_id} not found`);
    const aad = (field: string) => `claimant:${row.claimant_id}:${field}`;
    const verification = verifyClaim({
      claimantName: this.cipher.decrypt(row.name_enc, aad('name')),
      typedSignatureName: this.cipher.decrypt(row.typed_name_enc, `signature:${row.signature_id}:typed_name`),
      samePhoneClaims: row.same_phone_claims,
      sameIpClaims24h: row.same_ip_claims_24h,
    });
    const evaluation = evaluateInitialRules({
      answers: row.answers,
      birthDate: this.cipher.decrypt(row.birth_date_enc, aad('birth_date')),
      today,
      samePhoneClaims: verification.samePhoneClaims,
      sameIpClaims24h: verification.sameIpClaims24h,
      signatureMatchesName: verification.signatureMatchesName,
      limitationYears: kase.limitationYears,
    });
    const estimate = estimateDamages(kase.damageModel, row.answers);
    return {
      claimId: row.claim_id,
      rulesVersion: evaluation.rulesVersion,
      modelVersion: estimate.modelVersion,
      verification: { ...verification },
      verdict: evaluation.verdict,
      reasons: evaluation.reasons,
      estimateWon: estimate.amountWon,
      breakdown: estimate.breakdown,
      nextStatus: statusAfterScreening(evaluation.verdict),
    };
  }
}
