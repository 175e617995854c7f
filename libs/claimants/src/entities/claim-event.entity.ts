import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ClaimStatus } from '../claim-status';

/** Every status change, in order: the history a court may ask for. Written once, never changed. */
@Entity('claim_events')
export class ClaimEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'claim_id' })
  claimId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: ClaimStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus: ClaimStatus;

  @Column('text')
  actor: string;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
