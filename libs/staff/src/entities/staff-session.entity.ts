import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SessionStage = 'password' | 'enrol' | 'complete';

/** A browser's sign-in: the keyed hash of its cookie's secret, how far it has come, and when it ends. */
@Entity('staff_sessions')
export class StaffSessionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'staff_id' })
  staffId: string;

  @Column('bytea', { name: 'secret_hash' })
  secretHash: Buffer;

  @Column('text')
  stage: SessionStage;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_seen_at', default: () => 'now()' })
  lastSeenAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('bytea', { name: 'ip_hash', nullable: true })
  ipHash: Buffer | null;

  @Column('text', { name: 'user_agent', default: '' })
  userAgent: string;
}
