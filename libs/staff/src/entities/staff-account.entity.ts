import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredRecoveryCode } from '../recovery-codes';
import type { StaffRole } from '../roles';

/** A firm's staff member. Email and name sealed, password an argon2id hash, TOTP secret sealed. */
@Entity('staff_accounts')
export class StaffAccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('bytea', { name: 'email_hash' })
  emailHash: Buffer;

  @Column('bytea', { name: 'email_enc' })
  emailEnc: Buffer;

  @Column('bytea', { name: 'name_enc' })
  nameEnc: Buffer;

  @Column('text')
  role: StaffRole;

  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  @Column('bytea', { name: 'totp_secret_enc', nullable: true })
  totpSecretEnc: Buffer | null;

  @Column('timestamptz', { name: 'totp_confirmed_at', nullable: true })
  totpConfirmedAt: Date | null;

  @Column('bigint', { name: 'totp_last_step', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  totpLastStep: number | null;

  @Column('jsonb', { name: 'recovery_codes', default: () => `'[]'` })
  recoveryCodes: StoredRecoveryCode[];

  @Column('integer', { name: 'failed_attempts', default: 0 })
  failedAttempts: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('bytea', { name: 'invitation_hash', nullable: true })
  invitationHash: Buffer | null;

  @Column('timestamptz', { name: 'invitation_expires_at', nullable: true })
  invitationExpiresAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;
}
