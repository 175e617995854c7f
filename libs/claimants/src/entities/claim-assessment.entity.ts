import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EstimateLine, RuleReason, Verdict } from '@app/eligibility';
import type { Verification } from '@app/evidence';

/** One assessment of a claim, under the rule set and damage model versions named on it. */
@Entity('claim_assessments')
export class ClaimAssessmentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('text', { name: 'rules_version' })
  rulesVersion: string;

  @Column('text', { name: 'model_version' })
  modelVersion: string;

  @Column('jsonb')
  verification: Verification;

  @Column('text')
  verdict: Verdict;

  @Column('jsonb')
  reasons: RuleReason[];

  @Column('integer', { name: 'estimate_won' })
  estimateWon: number;

  @Column('jsonb', { name: 'estimate_breakdown' })
  estimateBreakdown: EstimateLine[];

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
