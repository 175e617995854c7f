import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The signed mandate's record: who typed which name, when, from where, on which document version. */
@Entity('signatures')
export class SignatureEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('text', { name: 'document_kind' })
  documentKind: 'mandate';

  @Column('text', { name: 'document_version' })
  documentVersion: string;

  /** SHA-256 of the exact text shown, in the language shown. */
  @Column('bytea', { name: 'document_sha256' })
  documentSha256: Buffer;

  @Column('text', { name: 'document_language', nullable: true })
  documentLanguage: 'ko' | 'en' | null;

  @Column('bytea', { name: 'typed_name_enc' })
  typedNameEnc: Buffer;

  @Column('timestamptz', { name: 'signed_at' })
  signedAt: Date;

  @Column('bytea', { name: 'ip_enc' })
  ipEnc: Buffer;

  @Column('bytea', { name: 'ip_hash' })
  ipHash: Buffer;

  @Column('text', { name: 'user_agent' })
  userAgent: string;

  /** Who signed: the claimant, or the legal guardian signing for a minor. */
  @Column('text', { default: 'claimant' })
  signer: 'claimant' | 'guardian';

  /** The exact text shown (with the principal's details filled in), sealed; null for claims taken before it was kept. */
  @Column('bytea', { name: 'document_text_enc', nullable: true })
  documentTextEnc: Buffer | null;
}
