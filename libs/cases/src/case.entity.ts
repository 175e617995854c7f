import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DamageModel } from '@app/eligibility';
import type { ConsentPurpose, ConsentText } from './case.record';
import { FirmEntity } from './firm.entity';

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

  @Column('text', { name: 'title_ko' })
  titleKo: string;

  @Column('text', { name: 'title_en' })
  titleEn: string;

  @Column('text', { name: 'summary_ko' })
  summaryKo: string;

  @Column('text', { name: 'summary_en' })
  summaryEn: string;

  @Column('text')
  defendant: string;

  @Column('date', { name: 'incident_disclosed_on' })
  incidentDisclosedOn: string;

  @Column('timestamptz', { name: 'intake_opens_at' })
  intakeOpensAt: Date;

  @Column('timestamptz', { name: 'intake_closes_at' })
  intakeClosesAt: Date;

  @Column('smallint', { name: 'limitation_years' })
  limitationYears: number;

  @Column('integer', { name: 'damage_min_won' })
  damageMinWon: number;

  @Column('integer', { name: 'damage_max_won' })
  damageMaxWon: number;

  @Column('text', { name: 'consent_version' })
  consentVersion: string;

  @Column('jsonb', { name: 'consent_texts' })
  consentTexts: Record<ConsentPurpose, ConsentText>;

  @Column('text', { name: 'mandate_version' })
  mandateVersion: string;

  @Column('text', { name: 'mandate_text_ko' })
  mandateTextKo: string;

  @Column('text', { name: 'mandate_text_en' })
  mandateTextEn: string;

  @Column('bytea', { name: 'mandate_sha256' })
  mandateSha256: Buffer;

  @Column('text', { name: 'rules_version' })
  rulesVersion: string;

  @Column('jsonb', { name: 'damage_model' })
  damageModel: DamageModel;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
