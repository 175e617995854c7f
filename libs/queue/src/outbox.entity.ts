import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Work to hand to the queues, written in the same transaction as the change it follows. */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('text')
  topic: string;

  @Column('uuid', { name: 'aggregate_id' })
  aggregateId: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'not_before', default: () => 'now()' })
  notBefore: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;
}
