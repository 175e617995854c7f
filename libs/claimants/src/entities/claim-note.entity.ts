import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An internal note on a claim, sealed (notes name people). Written once. */
@Entity('claim_notes')
export class ClaimNoteEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'staff_id' })
  staffId: string;

  @Column('bytea', { name: 'body_enc' })
  bodyEnc: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
