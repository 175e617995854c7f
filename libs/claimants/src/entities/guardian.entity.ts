import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The legal guardian who filed and signed for a minor. Sealed like the claimant, bound to the claim's id. */
@Entity('guardians')
export class GuardianEntity {
  @PrimaryColumn('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('bytea', { name: 'name_enc' })
  nameEnc: Buffer;

  @Column('bytea', { name: 'birth_date_enc' })
  birthDateEnc: Buffer;

  @Column('bytea', { name: 'phone_enc' })
  phoneEnc: Buffer;

  @Column('text')
  relation: 'parent' | 'guardian';

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
