import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A law firm: the tenant. Every firm's data is isolated from every other's by row-level security. */
@Entity('firms')
export class FirmEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  slug: string;

  @Column('text', { name: 'name_ko' })
  nameKo: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  /** Shown on public pages as a trust signal (Korean Bar Association registration). */
  @Column('text', { name: 'registration_no' })
  registrationNo: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
