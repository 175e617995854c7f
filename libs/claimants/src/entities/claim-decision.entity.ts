import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DECISION_KINDS = ['approve', 'reject', 'request_information', 'override_estimate', 'assign', 'resolve_flags'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** A person's decision on a claim, with its reason: the review's audit trail. Written once. */
@Entity('claim_decisions')
export class ClaimDecisionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'staff_id' })
  staffId: string;

  @Column('text')
  kind: DecisionKind;

  @Column('text', { nullable: true })
  reason: string | null;

  /** What was decided beyond the kind: the rejection's code, the items asked for and the deadline, the amounts, the assignee. */
  @Column('jsonb', { default: () => `'{}'` })
  details: Record<string, unknown>;

  @Column('uuid', { name: 'bulk_job_id', nullable: true })
  bulkJobId: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
