import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A claim being filled in through the claimant pages, one per case and email address. What the
 * person typed is one sealed JSON document (see DraftData); the id becomes the claim's id when
 * it is submitted, and submit_claim() empties the document in the same statement.
 */
@Entity('claim_drafts')
export class ClaimDraftEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('bytea', { name: 'email_hash' })
  emailHash: Buffer;

  /** The proven address, sealed by PersonalData. */
  @Column('bytea', { name: 'email_enc' })
  emailEnc: Buffer;

  @Column('bytea', { name: 'data_enc', nullable: true })
  dataEnc: Buffer | null;

  @Column('text')
  locale: 'ko' | 'en';

  /** A new resume link raises it; links and sessions of an older version no longer open the draft. */
  @Column('integer', { name: 'link_version', default: 1 })
  linkVersion: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;
}
