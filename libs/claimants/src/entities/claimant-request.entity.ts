import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A claimant's request under PIPA that a person must answer in time (deletion: 10 days). */
@Entity('claimant_requests')
export class ClaimantRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('text')
  kind: 'deletion';

  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  requestedAt: Date;

  @Column('date', { name: 'due_by' })
  dueBy: string;

  @Column('text', { default: 'open' })
  status: 'open' | 'done' | 'refused';

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column('text', { name: 'resolved_by', nullable: true })
  resolvedBy: string | null;
}
