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

  /**
   * Name, birth date and address sealed together (PersonalData.sealClaimant), for the plaintiff
   * list. Null for claimants taken in before migration 0013. Only intake writes either copy:
   * anything that comes to change a name, birth date or address must write this too.
   */
  @Column('bytea', { name: 'party_enc', nullable: true })
  partyEnc: Buffer | null;

  @Column('bytea', { name: 'email_hash' })
  emailHash: Buffer;

  @Column('bytea', { name: 'phone_hash' })
  phoneHash: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
