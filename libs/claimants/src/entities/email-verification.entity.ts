import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One emailed six-digit code. The code is derived from a server key and the id, never stored. */
@Entity('email_verifications')
export class EmailVerificationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  /** Blind index of the canonical address (as a claim's email hash). */
  @Column('bytea', { name: 'email_hash' })
  emailHash: Buffer;

  /** The address the code was sent to, sealed by PersonalData. */
  @Column('bytea', { name: 'email_enc' })
  emailEnc: Buffer;

  @Column('text')
  locale: 'ko' | 'en';

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;
}
