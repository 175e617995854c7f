import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CaseDefinition } from './case-definition';
import { FirmEntity } from './firm.entity';

/**
 * A case's identity and the version in force. Everything counsel writes lives in
 * case_versions; the intake window is copied here on activation for submit_claim().
 */
@Entity('cases')
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @ManyToOne(() => FirmEntity)
  @JoinColumn({ name: 'firm_id' })
  firm?: FirmEntity;

  @Column('text')
  slug: string;

  @Column('text', { name: 'claim_prefix' })
  claimPrefix: string;

  @Column('timestamptz', { name: 'intake_opens_at' })
  intakeOpensAt: Date;

  @Column('timestamptz', { name: 'intake_closes_at' })
  intakeClosesAt: Date;

  @Column('integer', { name: 'active_version', nullable: true })
  activeVersion: number | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** One saved version of a case's definition. Written once, never changed. */
@Entity('case_versions')
export class CaseVersionEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('integer')
  version: number;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('jsonb')
  definition: CaseDefinition;

  @Column('bytea')
  sha256: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('text', { name: 'created_by' })
  createdBy: string;
}

/** Every change of a case's active version: the audit of what was in force when. */
@Entity('case_activations')
export class CaseActivationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('integer', { name: 'from_version', nullable: true })
  fromVersion: number | null;

  @Column('integer', { name: 'to_version' })
  toVersion: number;

  @Column('text')
  actor: string;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
