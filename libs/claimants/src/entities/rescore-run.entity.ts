import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A background re-scoring of a case's claims after an activation. Everything up to `cursor` is done. */
@Entity('rescore_runs')
export class RescoreRunEntity {
  /** The activation's id. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('integer', { name: 'from_version', nullable: true })
  fromVersion: number | null;

  @Column('integer', { name: 'to_version' })
  toVersion: number;

  @Column('text')
  status: 'running' | 'done' | 'superseded';

  @Column('integer')
  total: number;

  @Column('integer')
  done: number;

  @Column('integer')
  reassessed: number;

  @Column('integer')
  moved: number;

  @Column('integer')
  flagged: number;

  @Column('uuid', { nullable: true })
  cursor: string | null;

  @Column('timestamptz', { name: 'started_at', default: () => 'now()' })
  startedAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
