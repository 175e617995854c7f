import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Deficiency, Estimate, EstimateLine, RuleResult, Verdict } from '@app/eligibility';
import type { Verification } from '@app/evidence';

/**
 * One assessment of a claim: an attempt, under the facts version and the rule set and damage
 * model versions named on it. The latest is the claim's current one; earlier ones are history.
 * Reason texts and line labels are not copied: they live in the case version named here.
 */
@Entity('claim_assessments')
export class ClaimAssessmentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('integer', { name: 'facts_version' })
  factsVersion: number;

  @Column('integer', { name: 'case_version', nullable: true })
  caseVersion: number | null;

  /** What caused it: submitted, cured, rescore, ... */
  @Column('text')
  trigger: string;

  @Column('text', { name: 'rules_version' })
  rulesVersion: string;

  @Column('text', { name: 'model_version' })
  modelVersion: string;

  @Column('jsonb')
  verification: Verification;

  @Column('text')
  verdict: Verdict;

  /** Every rule's result. */
  @Column('jsonb')
  reasons: RuleResult[];

  @Column('jsonb')
  deficiencies: Deficiency[];

  @Column('date', { name: 'cure_by', nullable: true })
  cureBy: string | null;

  @Column('integer', { name: 'estimate_won' })
  estimateWon: number;

  @Column('jsonb', { name: 'estimate_breakdown' })
  estimateBreakdown: EstimateLine[];

  @Column('jsonb', { name: 'estimate_inputs', nullable: true })
  estimateInputs: Estimate['inputs'] | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
