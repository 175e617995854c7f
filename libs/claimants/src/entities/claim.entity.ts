import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Answers, Verdict } from '@app/eligibility';
import type { ClaimStatus } from '../claim-status';
import { ClaimantEntity } from './claimant.entity';

@Entity('claims')
export class ClaimEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'claimant_id' })
  claimantId: string;

  @OneToOne(() => ClaimantEntity)
  @JoinColumn({ name: 'claimant_id' })
  claimant?: ClaimantEntity;

  @Column('text', { name: 'claim_number' })
  claimNumber: string;

  @Column('text')
  status: ClaimStatus;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt: Date;

  @Column('jsonb')
  answers: Answers;

  /** The case version and questionnaire version the claim was taken under. */
  @Column('integer', { name: 'case_version', nullable: true })
  caseVersion: number | null;

  @Column('text', { name: 'questionnaire_version', nullable: true })
  questionnaireVersion: string | null;

  /** Raised by every new fact (a cure, evidence, a staff request): each gets its own assessment. */
  @Column('integer', { name: 'facts_version', default: 1 })
  factsVersion: number;

  /** What the latest fact was ('submitted', 'cured', ...): the trigger its assessment records. */
  @Column('text', { name: 'last_fact', default: 'submitted' })
  lastFact: string;

  @Column('text')
  locale: 'ko' | 'en';

  /** Client-chosen retry key, with a hash of the request so a reused key cannot fetch another claim. */
  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @Column('bytea', { name: 'request_fingerprint', nullable: true })
  requestFingerprint: Buffer | null;

  @Column('bytea', { name: 'submitted_ip_hash', nullable: true })
  submittedIpHash: Buffer | null;

  /** The version an emailed status link must carry; a new link raises it and ends the old ones. */
  @Column('integer', { name: 'status_link_version', default: 1 })
  statusLinkVersion: number;

  /** The review queue's columns, written with each assessment and decision (see StaffReview1763800000007). */
  @Column('text', { nullable: true })
  verdict: Verdict | null;

  /** The amount in force: an attorney's override, else the latest estimate. */
  @Column('integer', { name: 'estimate_won', nullable: true })
  estimateWon: number | null;

  @Column('integer', { name: 'estimate_override_won', nullable: true })
  estimateOverrideWon: number | null;

  @Column('text', { name: 'data_tier', nullable: true })
  dataTier: string | null;

  /** Staff-only signals that held the latest assessment (rule ids). */
  @Column('text', { name: 'review_flags', array: true, default: () => `'{}'` })
  reviewFlags: string[];

  /** Flags waiting for a person (claim_flags not yet resolved). */
  @Column('integer', { name: 'open_flags', default: 0 })
  openFlags: number;

  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @Column('uuid', { name: 'batch_id', nullable: true })
  batchId: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
