import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BulkKind = 'approve' | 'reject' | 'request_information' | 'assign';

/** A decision over a filtered selection: the selection fixed at confirmation, carried out by a job. */
@Entity('bulk_jobs')
export class BulkJobEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'staff_id' })
  staffId: string;

  @Column('text')
  kind: BulkKind;

  /** The queue's filter as confirmed (its query string). */
  @Column('jsonb')
  filter: Record<string, string>;

  /** The decision's own fields: reason, items and deadline, assignee. */
  @Column('jsonb', { default: () => `'{}'` })
  params: Record<string, unknown>;

  @Column('integer')
  total: number;

  @Column('integer', { default: 0 })
  done: number;

  @Column('integer', { default: 0 })
  skipped: number;

  @Column('text', { default: 'running' })
  status: 'running' | 'done' | 'failed';

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** When it last decided a chunk: a running job that stops moving was lost with Redis (StuckBulkJobs). */
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** One claim of a bulk job's selection, in order; its outcome once handled. */
@Entity('bulk_job_items')
export class BulkJobItemEntity {
  @PrimaryColumn('uuid', { name: 'job_id' })
  jobId: string;

  @PrimaryColumn('integer')
  seq: number;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('text', { nullable: true })
  outcome: 'done' | 'skipped' | null;
}
