import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, IsNull } from 'typeorm';
import { sqlRows } from '@app/database';
import type { OutboxEntry } from './outbox-route';
import { OutboxEntity } from './outbox.entity';

export type DueRow = Pick<OutboxEntity, 'id' | 'topic' | 'aggregateId' | 'firmId'>;

/**
 * The outbox table, owned by this library. Other modules add rows through OutboxService,
 * inside their own transaction; the one exception is the intake statement (see
 * libs/claimants), which writes its row in the same round trip as the claim.
 */
@Injectable()
export class OutboxRepository {
  /** One statement over arrays, however many entries. No notBefore: the database's now(). */
  async add(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await sqlRows(
      manager,
      `INSERT INTO outbox (topic, aggregate_id, firm_id, not_before)
       SELECT topic, aggregate_id, firm_id, coalesce(not_before, now())
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::timestamptz[]) AS t(topic, aggregate_id, firm_id, not_before)`,
      [entries.map((e) => e.topic), entries.map((e) => e.aggregateId), entries.map((e) => e.firmId), entries.map((e) => e.notBefore ?? null)],
    );
  }

  /**
   * Locks up to `limit` due, unpublished rows for this transaction; rows other relays hold are
   * skipped, so relays can run side by side. Raw columns, not entities: the relay moves
   * thousands of rows a second and needs four fields of each.
   */
  claimDue(manager: EntityManager, limit: number): Promise<DueRow[]> {
    return manager
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .select('o.id', 'id')
      .addSelect('o.topic', 'topic')
      .addSelect('o.aggregate_id', 'aggregateId')
      .addSelect('o.firm_id', 'firmId')
      .where('o.published_at IS NULL AND o.not_before <= now()')
      .orderBy('o.not_before')
      .addOrderBy('o.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getRawMany<DueRow>();
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OutboxEntity)
      .set({ publishedAt: () => 'now()', attempts: () => 'attempts + 1' })
      // One array parameter, not one placeholder per id.
      .where('id = ANY(:ids::bigint[])', { ids })
      .execute();
  }

  /** Of `aggregateIds`, those with an outbox row still to publish or published since `since`. */
  async withRecentRows(manager: EntityManager, aggregateIds: string[], since: Date): Promise<Set<string>> {
    if (aggregateIds.length === 0) return new Set();
    const rows = await manager
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .select('DISTINCT o.aggregate_id', 'aggregateId')
      .where('o.aggregate_id = ANY(:ids::uuid[])', { ids: aggregateIds })
      .andWhere(new Brackets((w) => w.where({ publishedAt: IsNull() }).orWhere('o.published_at > :since', { since })))
      .getRawMany<{ aggregateId: string }>();
    return new Set(rows.map((r) => r.aggregateId));
  }

  /** How long the oldest due, unpublished row has waited (0 when none). */
  async dueLagMs(manager: EntityManager): Promise<{ lagMs: number; due: number }> {
    const row = await manager
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .select('count(*)::int', 'due')
      .addSelect(`coalesce(extract(epoch FROM now() - min(o.not_before)) * 1000, 0)::float8`, 'lagMs')
      .where('o.published_at IS NULL AND o.not_before <= now()')
      .getRawOne<{ due: number; lagMs: number }>();
    return { lagMs: Math.max(0, row?.lagMs ?? 0), due: row?.due ?? 0 };
  }
}
