import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something a person must look at: a decided claim whose result a new fact or version changes. */
@Entity('claim_flags')
export class ClaimFlagEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('text')
  kind: 'result-changed';

  @Column('uuid', { name: 'rescore_run_id', nullable: true })
  rescoreRunId: string | null;

  /** { old: {verdict, amountWon, rulesVersion, modelVersion}, new: {...} }. */
  @Column('jsonb')
  details: Record<string, unknown>;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column('text', { name: 'resolved_by', nullable: true })
  resolvedBy: string | null;
}
