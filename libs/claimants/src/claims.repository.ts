import { Injectable } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { FirmScope, FirmTx } from '@app/database';
import { SAME_IP_REVIEW_THRESHOLD } from '@app/eligibility';
import { runSubmitClaim, NewClaim, SubmittedClaim } from './claim-intake.statement';
import { assertTransition, ClaimStatus } from './claim-status';
import { ClaimAssessmentEntity } from './entities/claim-assessment.entity';
import { ClaimEventEntity } from './entities/claim-event.entity';
import { ClaimEntity } from './entities/claim.entity';
import { ClaimantEntity } from './entities/claimant.entity';

/** A claim as the first assessment needs it: with its claimant, its mandate signature and two fraud signals. */
export interface AssessmentInput {
  claim: ClaimEntity & { claimant: ClaimantEntity };
  signature: NonNullable<ClaimEntity['signatures']>[number];
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
    return runSubmitClaim(this.scope.unscoped, claim);
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

  /** Claims with their claimants, for the email recipients of a batch. */
  findWithClaimants(tx: FirmTx, claimIds: string[]): Promise<(ClaimEntity & { claimant: ClaimantEntity })[]> {
    return tx.manager.find(ClaimEntity, { where: { id: In(claimIds) }, relations: { claimant: true } }) as Promise<(ClaimEntity & { claimant: ClaimantEntity })[]>;
  }

  /** Everything the first assessment needs for a batch of claims: three queries, whatever the batch size. */
  async loadForAssessment(tx: FirmTx, claimIds: string[]): Promise<AssessmentInput[]> {
    if (claimIds.length === 0) return [];
    const claims = (await tx.manager.find(ClaimEntity, {
      where: { id: In(claimIds) },
      relations: { claimant: true, signatures: true },
    })) as (ClaimEntity & { claimant: ClaimantEntity })[];
    if (claims.length === 0) return [];

    const phones = await tx.manager
      .getRepository(ClaimantEntity)
      .createQueryBuilder('o')
      .select('o.case_id', 'caseId')
      .addSelect(`encode(o.phone_hash, 'hex')`, 'phoneHash')
      .addSelect('count(*)::int', 'n')
      .where({ phoneHash: In(claims.map((c) => c.claimant.phoneHash)) })
      .groupBy('o.case_id')
      .addGroupBy('o.phone_hash')
      .getRawMany<{ caseId: string; phoneHash: string; n: number }>();
    const phoneCount = new Map(phones.map((p) => [`${p.caseId}/${p.phoneHash}`, p.n]));

    // Counted only up to the review threshold: behind a carrier NAT thousands of claims share an
    // IP, and counting them all for every claim made the worker quadratic.
    const ips = await tx.manager
      .getRepository(ClaimEntity)
      .createQueryBuilder('cl')
      .select('cl.id', 'id')
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
      .where({ id: In(claims.map((c) => c.id)) })
      .getRawMany<{ id: string; sameIp: number }>();
    const ipCount = new Map(ips.map((r) => [r.id, r.sameIp]));

    return claims.flatMap((claim) => {
      const signature = claim.signatures?.find((s) => s.documentKind === 'mandate');
      if (!signature) return [];
      const samePhone = phoneCount.get(`${claim.caseId}/${claim.claimant.phoneHash.toString('hex')}`) ?? 1;
      return [{ claim, signature, samePhoneClaims: samePhone - 1, sameIpClaims24h: ipCount.get(claim.id) ?? 0 }];
    });
  }

  /**
   * Stores first-pass results and moves each claim out of `submitted`, with an event per move.
   * Idempotent: an assessment already stored for the same versions is left alone, and only
   * claims still in `submitted` move. Returns the claims that moved.
   */
  async saveAssessments(tx: FirmTx, results: AssessmentRecord[]): Promise<{ claimId: string; status: ClaimStatus }[]> {
    if (results.length === 0) return [];
    for (const r of results) assertTransition('submitted', r.nextStatus);
    const inserted = await tx.manager
      .createQueryBuilder()
      .insert()
      .into(ClaimAssessmentEntity)
      .values(results.map(({ nextStatus: _, ...r }) => ({ ...r, firmId: tx.firmId })))
      .orIgnore()
      .returning('claim_id')
      .execute();
    const fresh = new Set((inserted.raw as { claim_id: string }[]).map((r) => r.claim_id));

    const moved: { claimId: string; status: ClaimStatus }[] = [];
    const byStatus = new Map<ClaimStatus, string[]>();
    for (const r of results) if (fresh.has(r.claimId)) byStatus.set(r.nextStatus, [...(byStatus.get(r.nextStatus) ?? []), r.claimId]);
    for (const [status, ids] of byStatus) {
      const updated = await tx.manager
        .createQueryBuilder()
        .update(ClaimEntity)
        .set({ status, statusChangedAt: () => 'now()', updatedAt: () => 'now()' })
        .where({ id: In(ids), status: 'submitted' })
        .returning('id')
        .execute();
      for (const { id } of updated.raw as { id: string }[]) moved.push({ claimId: id, status });
    }
    if (moved.length > 0) {
      await tx.manager.insert(
        ClaimEventEntity,
        moved.map((m) => ({ claimId: m.claimId, firmId: tx.firmId, fromStatus: 'submitted' as const, toStatus: m.status, actor: 'system', reason: 'initial assessment' })),
      );
    }
    return moved;
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
