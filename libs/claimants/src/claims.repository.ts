import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { FirmScope, FirmTx, sqlRows } from '@app/database';
import { SAME_IP_REVIEW_THRESHOLD } from '@app/eligibility';
import { runSubmitClaim, NewClaim, SubmittedClaim } from './claim-intake.statement';
import { assertTransition, ClaimStatus } from './claim-status';
import { ClaimAssessmentEntity } from './entities/claim-assessment.entity';
import { ClaimEntity } from './entities/claim.entity';
import { ClaimantEntity } from './entities/claimant.entity';
import { SignatureEntity } from './entities/signature.entity';

/** A claim as the first assessment needs it: with its claimant, its mandate signature and two fraud signals. */
export interface AssessmentInput {
  claim: Pick<ClaimEntity, 'id' | 'caseId' | 'status' | 'answers' | 'locale'>;
  claimant: Pick<ClaimantEntity, 'id' | 'firmId' | 'nameEnc' | 'birthDateEnc'>;
  signature: Pick<SignatureEntity, 'id' | 'typedNameEnc'>;
  /** Other claimants of the case with the same mobile number. */
  samePhoneClaims: number;
  /** Claims of the case from the same IP in the 24 hours up to this one (itself included), counted up to the review threshold. */
  sameIpClaims24h: number;
}

export type AssessmentRecord = Omit<ClaimAssessmentEntity, 'id' | 'firmId' | 'createdAt'> & { nextStatus: ClaimStatus };

@Injectable()
export class ClaimsRepository {
  constructor(private readonly scope: FirmScope) {}

  /** Intake: one statement, outside any firm scope (submit_claim() takes the firm from the case). */
  submit(claim: NewClaim): Promise<SubmittedClaim> {
    return runSubmitClaim(this.scope.unscoped.connection, claim);
  }

  findByIdempotencyKey(tx: FirmTx, caseId: string, key: string): Promise<ClaimEntity | null> {
    return tx.manager.findOne(ClaimEntity, { where: { caseId, idempotencyKey: key } });
  }

  findByEmailHash(tx: FirmTx, caseId: string, emailHash: Buffer): Promise<ClaimEntity | null> {
    return tx.manager.findOne(ClaimEntity, { where: { caseId, claimant: { emailHash } }, relations: { claimant: true } });
  }

  async findWithAssessment(tx: FirmTx, claimId: string): Promise<{ claim: ClaimEntity; assessment: ClaimAssessmentEntity | null } | null> {
    const claim = await tx.manager.findOne(ClaimEntity, { where: { id: claimId } });
    if (!claim) return null;
    const assessment = await tx.manager.findOne(ClaimAssessmentEntity, { where: { claimId }, order: { id: 'DESC' } });
    return { claim, assessment };
  }

  /** Raises the claim's status-link version (ending every earlier link) and returns the new one. */
  async nextStatusLinkVersion(tx: FirmTx, claimId: string): Promise<number> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(ClaimEntity)
      .set({ statusLinkVersion: () => 'status_link_version + 1' })
      .where({ id: claimId })
      .returning('status_link_version')
      .execute();
    return (result.raw as { status_link_version: number }[])[0].status_link_version;
  }

  /** Claims with their claimants, for the email recipients of a batch. */
  findWithClaimants(tx: FirmTx, claimIds: string[]): Promise<(ClaimEntity & { claimant: ClaimantEntity })[]> {
    return tx.manager
      .getRepository(ClaimEntity)
      .createQueryBuilder('cl')
      .innerJoinAndSelect('cl.claimant', 'c')
      .where('cl.id = ANY(:ids::uuid[])', { ids: claimIds })
      .getMany() as Promise<(ClaimEntity & { claimant: ClaimantEntity })[]>;
  }

  /**
   * Everything the first assessment needs for a batch of claims, in one query: each claim with
   * its claimant, its mandate signature and two fraud signals.
   */
  async loadForAssessment(tx: FirmTx, claimIds: string[]): Promise<AssessmentInput[]> {
    if (claimIds.length === 0) return [];
    const rows = await tx.manager
      .getRepository(ClaimEntity)
      .createQueryBuilder('cl')
      .innerJoin(ClaimantEntity, 'c', 'c.id = cl.claimant_id')
      .innerJoin(SignatureEntity, 's', `s.claim_id = cl.id AND s.document_kind = 'mandate'`)
      .select(['cl.id AS "claimId"', 'cl.case_id AS "caseId"', 'cl.status AS status', 'cl.answers AS answers', 'cl.locale AS locale'])
      .addSelect(['c.id AS "claimantId"', 'c.firm_id AS "firmId"', 'c.name_enc AS "nameEnc"', 'c.birth_date_enc AS "birthDateEnc"'])
      .addSelect(['s.id AS "signatureId"', 's.typed_name_enc AS "typedNameEnc"'])
      .addSelect(
        (other) => other.select('count(*)::int').from(ClaimantEntity, 'o').where('o.case_id = c.case_id AND o.phone_hash = c.phone_hash AND o.id <> c.id'),
        'samePhone',
      )
      // Counted only up to the review threshold: behind a carrier NAT thousands of claims share an
      // IP, and counting them all for every claim made the worker quadratic.
      .addSelect(
        (count) =>
          count.select('count(*)::int').from(
            (capped) =>
              capped
                .select('1')
                .from(ClaimEntity, 'o')
                .where('o.case_id = cl.case_id AND o.submitted_ip_hash = cl.submitted_ip_hash')
                .andWhere(`o.created_at > cl.created_at - interval '24 hours' AND o.created_at <= cl.created_at`)
                .limit(SAME_IP_REVIEW_THRESHOLD),
            'capped',
          ),
        'sameIp',
      )
      // One array parameter, not one placeholder per claim.
      .where('cl.id = ANY(:ids::uuid[])', { ids: claimIds })
      .getRawMany<{
        claimId: string; caseId: string; status: ClaimStatus; answers: ClaimEntity['answers']; locale: ClaimEntity['locale'];
        claimantId: string; firmId: string; nameEnc: Buffer; birthDateEnc: Buffer; signatureId: string; typedNameEnc: Buffer;
        samePhone: number; sameIp: number;
      }>();
    return rows.map((r) => ({
      claim: { id: r.claimId, caseId: r.caseId, status: r.status, answers: r.answers, locale: r.locale },
      claimant: { id: r.claimantId, firmId: r.firmId, nameEnc: r.nameEnc, birthDateEnc: r.birthDateEnc },
      signature: { id: r.signatureId, typedNameEnc: r.typedNameEnc },
      samePhoneClaims: r.samePhone,
      sameIpClaims24h: r.sameIp,
    }));
  }

  /**
   * Stores first-pass results and moves each claim out of `submitted`, with an event per move,
   * in one statement (a batch of hundreds costs one round trip). Idempotent: an assessment
   * already stored for the same versions is left alone, and only claims still in `submitted`
   * move. Returns the claims that moved.
   */
  async saveAssessments(tx: FirmTx, results: AssessmentRecord[]): Promise<{ claimId: string; status: ClaimStatus }[]> {
    if (results.length === 0) return [];
    for (const r of results) assertTransition('submitted', r.nextStatus);
    return sqlRows<{ claimId: string; status: ClaimStatus }>(
      tx.manager,
      `WITH input AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::jsonb[], $8::int[], $9::jsonb[], $10::text[])
           AS t(claim_id, rules_version, model_version, verification, verdict, reasons, estimate_won, estimate_breakdown, next_status)
       ), inserted AS (
         INSERT INTO claim_assessments (claim_id, firm_id, rules_version, model_version, verification, verdict, reasons, estimate_won, estimate_breakdown)
         SELECT claim_id, $1, rules_version, model_version, verification, verdict, reasons, estimate_won, estimate_breakdown FROM input
         ON CONFLICT (claim_id, rules_version, model_version) DO NOTHING
         RETURNING claim_id
       ), moved AS (
         UPDATE claims cl SET status = i.next_status, status_changed_at = now(), updated_at = now()
           FROM input i JOIN inserted USING (claim_id)
          WHERE cl.id = i.claim_id AND cl.status = 'submitted'
         RETURNING cl.id, cl.status
       ), event AS (
         INSERT INTO claim_events (claim_id, firm_id, from_status, to_status, actor, reason)
         SELECT id, $1, 'submitted', status, 'system', 'initial assessment' FROM moved
       )
       SELECT id AS "claimId", status FROM moved`,
      [
        tx.firmId, results.map((r) => r.claimId), results.map((r) => r.rulesVersion), results.map((r) => r.modelVersion),
        results.map((r) => JSON.stringify(r.verification)), results.map((r) => r.verdict), results.map((r) => JSON.stringify(r.reasons)),
        results.map((r) => r.estimateWon), results.map((r) => JSON.stringify(r.estimateBreakdown)), results.map((r) => r.nextStatus),
      ],
    );
  }

  /** Claims submitted before `dueBefore` and still not assessed. */
  async findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    const rows = await tx.manager.find(ClaimEntity, {
      select: { id: true },
      where: { status: 'submitted', createdAt: LessThan(dueBefore) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }
}
