import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { FirmScope, FirmTx, sqlRows } from '@app/database';
import type { Answers } from '@app/eligibility';
import { runSubmitClaim, NewClaim, SubmittedClaim } from './claim-intake.statement';
import { assertTransition, ClaimStatus } from './claim-status';
import { ClaimAssessmentEntity } from './entities/claim-assessment.entity';
import { ClaimEntity } from './entities/claim.entity';
import { ClaimEventEntity } from './entities/claim-event.entity';
import { ClaimantEntity } from './entities/claimant.entity';
import { ConsentEntity } from './entities/consent.entity';
import { GuardianEntity } from './entities/guardian.entity';
import { SignatureEntity } from './entities/signature.entity';

/**
 * Claims from the same network counted up to this many (the ip-burst rule of a case reads the
 * number; behind a carrier NAT thousands of claims share an IP, and counting them all for
 * every claim made the worker quadratic).
 */
export const SAME_IP_COUNT_CAP = 20;

/** The latest assessment's key facts: what a new one is compared with. */
export interface LatestAssessment {
  factsVersion: number;
  rulesVersion: string;
  modelVersion: string;
  verdict: ClaimAssessmentEntity['verdict'];
  estimateWon: number;
}

/** A claim as an assessment needs it: with its claimant, its mandate signature, a minor's guardian, two fraud signals and its latest assessment. */
export interface AssessmentInput {
  claim: Pick<ClaimEntity, 'id' | 'caseId' | 'status' | 'answers' | 'locale' | 'factsVersion' | 'lastFact'>;
  claimant: Pick<ClaimantEntity, 'id' | 'firmId' | 'nameEnc' | 'birthDateEnc'>;
  signature: Pick<SignatureEntity, 'id' | 'typedNameEnc'>;
  guardian: Pick<GuardianEntity, 'claimId' | 'nameEnc'> | null;
  /** Other claimants of the case with the same mobile number. */
  samePhoneClaims: number;
  /** Claims of the case from the same IP in the 24 hours up to this one (itself included), counted up to SAME_IP_COUNT_CAP. */
  sameIpClaims24h: number;
  latest: LatestAssessment | null;
}

export type AssessmentRecord = Omit<ClaimAssessmentEntity, 'id' | 'firmId' | 'createdAt'>;

/** One status change: applied only if the claim is still in `from` (so two writers cannot both move it). */
export interface StatusMove {
  claimId: string;
  from: ClaimStatus;
  to: ClaimStatus;
}

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
      .leftJoin(GuardianEntity, 'g', 'g.claim_id = cl.id')
      .select(['cl.id AS "claimId"', 'cl.case_id AS "caseId"', 'cl.status AS status', 'cl.answers AS answers', 'cl.locale AS locale'])
      .addSelect(['cl.facts_version AS "factsVersion"', 'cl.last_fact AS "lastFact"'])
      .addSelect(['c.id AS "claimantId"', 'c.firm_id AS "firmId"', 'c.name_enc AS "nameEnc"', 'c.birth_date_enc AS "birthDateEnc"'])
      .addSelect(['s.id AS "signatureId"', 's.typed_name_enc AS "typedNameEnc"', 'g.name_enc AS "guardianNameEnc"'])
      .addSelect(
        (other) => other.select('count(*)::int').from(ClaimantEntity, 'o').where('o.case_id = c.case_id AND o.phone_hash = c.phone_hash AND o.id <> c.id'),
        'samePhone',
      )
      .addSelect(
        (count) =>
          count.select('count(*)::int').from(
            (capped) =>
              capped
                .select('1')
                .from(ClaimEntity, 'o')
                .where('o.case_id = cl.case_id AND o.submitted_ip_hash = cl.submitted_ip_hash')
                .andWhere(`o.created_at > cl.created_at - interval '24 hours' AND o.created_at <= cl.created_at`)
                .limit(SAME_IP_COUNT_CAP),
            'capped',
          ),
        'sameIp',
      )
      .addSelect(
        (latest) =>
          latest
            .select(`json_build_object('factsVersion', a.facts_version, 'rulesVersion', a.rules_version, 'modelVersion', a.model_version, 'verdict', a.verdict, 'estimateWon', a.estimate_won)`)
            .from(ClaimAssessmentEntity, 'a')
            .where('a.claim_id = cl.id')
            .orderBy('a.id', 'DESC')
            .limit(1),
        'latest',
      )
      // One array parameter, not one placeholder per claim.
      .where('cl.id = ANY(:ids::uuid[])', { ids: claimIds })
      .getRawMany<{
        claimId: string; caseId: string; status: ClaimStatus; answers: Answers; locale: ClaimEntity['locale']; factsVersion: number; lastFact: string;
        claimantId: string; firmId: string; nameEnc: Buffer; birthDateEnc: Buffer; signatureId: string; typedNameEnc: Buffer; guardianNameEnc: Buffer | null;
        samePhone: number; sameIp: number; latest: LatestAssessment | null;
      }>();
    return rows.map((r) => ({
      claim: { id: r.claimId, caseId: r.caseId, status: r.status, answers: r.answers, locale: r.locale, factsVersion: r.factsVersion, lastFact: r.lastFact },
      claimant: { id: r.claimantId, firmId: r.firmId, nameEnc: r.nameEnc, birthDateEnc: r.birthDateEnc },
      signature: { id: r.signatureId, typedNameEnc: r.typedNameEnc },
      guardian: r.guardianNameEnc ? { claimId: r.claimId, nameEnc: r.guardianNameEnc } : null,
      samePhoneClaims: r.samePhone,
      sameIpClaims24h: r.sameIp,
      latest: r.latest,
    }));
  }

  /**
   * Stores assessments, one statement for a batch. An assessment is an attempt: one per claim,
   * facts version, rules version and model version, so a retried job or chunk finds its row
   * and adds nothing. The same statement copies what the review queue filters on to the claim
   * (verdict, the amount in force unless an attorney overrode it, data tier, staff-only signals).
   * Returns the claims that got a new row.
   */
  async saveAssessments(tx: FirmTx, rows: AssessmentRecord[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    // One JSON document for the batch: Postgres parses it once, which is much cheaper than
    // fifteen parameter arrays of escaped JSON strings at re-scoring's thousands of rows.
    const inserted = await sqlRows<{ claimId: string }>(
      tx.manager,
      `WITH ins AS (
         INSERT INTO claim_assessments (claim_id, firm_id, facts_version, case_version, trigger, rules_version, model_version, verification,
                                        verdict, reasons, deficiencies, cure_by, estimate_won, estimate_breakdown, estimate_inputs)
         SELECT t."claimId", $1, t."factsVersion", t."caseVersion", t.trigger, t."rulesVersion", t."modelVersion", t.verification,
                t.verdict, t.reasons, t.deficiencies, t."cureBy", t."estimateWon", t."estimateBreakdown", t."estimateInputs"
           FROM jsonb_to_recordset($2::jsonb) AS t("claimId" uuid, "factsVersion" int, "caseVersion" int, trigger text, "rulesVersion" text,
                "modelVersion" text, verification jsonb, verdict text, reasons jsonb, deficiencies jsonb, "cureBy" date, "estimateWon" int,
                "estimateBreakdown" jsonb, "estimateInputs" jsonb)
         ON CONFLICT (claim_id, facts_version, rules_version, model_version) DO NOTHING
         RETURNING claim_id, verdict, estimate_won, estimate_inputs, reasons
       ), queue AS (
         UPDATE claims cl
            SET verdict = i.verdict, estimate_won = COALESCE(cl.estimate_override_won, i.estimate_won), data_tier = i.estimate_inputs->>'tier',
                review_flags = ARRAY(SELECT r->>'rule' FROM jsonb_array_elements(i.reasons) r WHERE (r->>'staffOnly')::boolean AND r->>'outcome' <> 'eligible')
           FROM ins i
          WHERE cl.id = i.claim_id
       )
       SELECT claim_id AS "claimId" FROM ins`,
      [tx.firmId, JSON.stringify(rows)],
    );
    return new Set(inserted.map((r) => r.claimId));
  }

  /**
   * The one place a claim's status changes after intake: each move is checked against the status
   * machine, applied only if the claim is still where the caller saw it, and written as an event
   * row in the same statement. Returns the moves that happened.
   */
  async moveStatuses(tx: FirmTx, moves: StatusMove[], actor: string, reason: string): Promise<StatusMove[]> {
    if (moves.length === 0) return [];
    for (const m of moves) assertTransition(m.from, m.to);
    return sqlRows<StatusMove>(
      tx.manager,
      `WITH input AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(claim_id, from_status, to_status)
       ), moved AS (
         UPDATE claims cl SET status = i.to_status, status_changed_at = now(), updated_at = now()
           FROM input i
          WHERE cl.id = i.claim_id AND cl.status = i.from_status
         RETURNING cl.id, i.from_status, cl.status
       ), event AS (
         INSERT INTO claim_events (claim_id, firm_id, from_status, to_status, actor, reason)
         SELECT id, $1, from_status, status, $5, $6 FROM moved
       )
       SELECT id AS "claimId", from_status AS "from", status AS "to" FROM moved`,
      [tx.firmId, moves.map((m) => m.claimId), moves.map((m) => m.from), moves.map((m) => m.to), actor, reason],
    );
  }

  /**
   * Records a new fact about a claim: raises its facts version (so the next assessment is a new
   * attempt) and, for a cure, replaces its answers. Returns the new facts version, or null if the
   * claim is not there.
   */
  async recordFact(tx: FirmTx, claimId: string, fact: string, answers?: Answers): Promise<number | null> {
    const rows = await sqlRows<{ factsVersion: number }>(
      tx.manager,
      `UPDATE claims SET facts_version = facts_version + 1, last_fact = $2, answers = COALESCE($3::jsonb, answers), updated_at = now()
        WHERE id = $1 RETURNING facts_version AS "factsVersion"`,
      [claimId, fact, answers === undefined ? null : JSON.stringify(answers)],
    );
    return rows[0]?.factsVersion ?? null;
  }

  findClaim(tx: FirmTx, claimId: string, lock = false): Promise<ClaimEntity | null> {
    return tx.manager.findOne(ClaimEntity, { where: { id: claimId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Everything stored about one claimant's claim, for their own copy of it. */
  async loadOwnRecord(tx: FirmTx, claimId: string) {
    const claim = await tx.manager.findOne(ClaimEntity, { where: { id: claimId }, relations: { claimant: true } });
    if (!claim) return null;
    // One after another: a transaction is one connection, which runs one query at a time.
    const signature = await tx.manager.findOne(SignatureEntity, { where: { claimId, documentKind: 'mandate' } });
    const consents = await tx.manager.find(ConsentEntity, { where: { claimId }, order: { purpose: 'ASC' } });
    const assessments = await tx.manager.find(ClaimAssessmentEntity, { where: { claimId }, order: { id: 'ASC' } });
    const guardian = await tx.manager.findOne(GuardianEntity, { where: { claimId } });
    return { claim: claim as ClaimEntity & { claimant: ClaimantEntity }, signature, consents, assessments, guardian };
  }

  /** A claim's status moves, oldest first. */
  events(tx: FirmTx, claimId: string): Promise<ClaimEventEntity[]> {
    return tx.manager.find(ClaimEventEntity, { where: { claimId }, order: { id: 'ASC' } });
  }

  /** The assessments of a claim, oldest first. */
  assessments(tx: FirmTx, claimId: string): Promise<ClaimAssessmentEntity[]> {
    return tx.manager.find(ClaimAssessmentEntity, { where: { claimId }, order: { id: 'ASC' } });
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
