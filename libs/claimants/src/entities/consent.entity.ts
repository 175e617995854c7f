import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One consent given or refused, with the hash of the exact text shown. */
@Entity('consents')
export class ConsentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('text')
  purpose: string;

  @Column('text', { name: 'text_language', nullable: true })
  textLanguage: 'ko' | 'en' | null;

  @Column('boolean')
  granted: boolean;

  @Column('text')
  version: string;

  @Column('bytea', { name: 'text_sha256' })
  textSha256: Buffer;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
