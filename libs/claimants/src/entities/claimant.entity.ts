import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The person. Every personal field is an AES-256-GCM envelope (see libs/crypto) bound to this
 * row and column; only PersonalData seals and opens them. Hashes are keyed (blind indexes).
 */
@Entity('claimants')
export class ClaimantEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('bytea', { name: 'name_enc' })
  nameEnc: Buffer;

  @Column('bytea', { name: 'birth_date_enc' })
  birthDateEnc: Buffer;

  @Column('bytea', { name: 'email_enc' })
  emailEnc: Buffer;

  @Column('bytea', { name: 'phone_enc' })
  phoneEnc: Buffer;

  @Column('bytea', { name: 'address_enc' })
  addressEnc: Buffer;

  @Column('bytea', { name: 'email_hash' })
  emailHash: Buffer;

  @Column('bytea', { name: 'phone_hash' })
  phoneHash: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
