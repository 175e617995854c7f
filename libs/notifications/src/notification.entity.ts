import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale, TemplateName } from './templates/render';

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One email to a claimant: requested in the transaction that caused it, sent by the worker. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  /** What the email is about: a claim, an email verification or a draft (exactly one of them). */
  @Column('uuid', { name: 'claim_id', nullable: true })
  claimId: string | null;

  @Column('uuid', { name: 'verification_id', nullable: true })
  verificationId: string | null;

  @Column('uuid', { name: 'draft_id', nullable: true })
  draftId: string | null;

  @Column('text')
  template: TemplateName;

  @Column('text')
  locale: Locale;

  /** One email per key, ever: a repeated request with the same key sends nothing. */
  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  /** Fixed when requested, so a resend after a crash carries the same Message-ID. */
  @Column('text', { name: 'message_id' })
  messageId: string;

  @Column('text', { default: 'pending' })
  status: NotificationStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'not_before', default: () => 'now()' })
  notBefore: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** While `sending`: the one runner allowed to finish this email, and until when. */
  @Column('text', { name: 'lease_owner', nullable: true })
  leaseOwner: string | null;

  @Column('timestamptz', { name: 'lease_expires_at', nullable: true })
  leaseExpiresAt: Date | null;

  /** Leases taken over from a sender that stopped mid-send: each may mean the email went out twice. */
  @Column('integer', { name: 'lease_takeovers', default: 0 })
  leaseTakeovers: number;
}
