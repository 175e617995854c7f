import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * PIPA's access record: account, time, IP, whose data, what was done. Append-only and
 * hash-chained per firm by the database (the chain columns are filled in by a trigger).
 */
@Entity('access_log')
export class AccessLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('text', { name: 'actor_type' })
  actorType: 'staff' | 'system' | 'claimant';

  /** A staff account id, a job name, or a claimant id. */
  @Column('text', { name: 'actor_id' })
  actorId: string;

  @Column('inet', { nullable: true })
  ip: string | null;

  /** Whose data, for a single person's record; null for a system batch (see subjectCount). */
  @Column('uuid', { name: 'subject_claimant_id', nullable: true })
  subjectClaimantId: string | null;

  @Column('integer', { name: 'subject_count', default: 1 })
  subjectCount: number;

  /** What was done: "claimant.read", "claims.export", ... */
  @Column('text')
  action: string;

  /** Which personal fields were read. */
  @Column('text', { array: true, default: () => `'{}'` })
  fields: string[];

  /** Why: required for staff reads and downloads. */
  @Column('text', { nullable: true })
  reason: string | null;

  @Column({ type: 'bigint', name: 'chain_seq', insert: false, update: false })
  chainSeq: string;

  @Column({ type: 'bytea', name: 'prev_hash', insert: false, update: false })
  prevHash: Buffer;

  @Column({ type: 'bytea', insert: false, update: false })
  hash: Buffer;
}
