import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, IsNull } from 'typeorm';
import type { OutboxEntry } from './outbox-route';
import { OutboxEntity } from './outbox.entity';

/**
 * The outbox table, owned by this library. Other modules add rows through OutboxService,
 * inside their own transaction; the one exception is the intake statement (see
 * libs/claimants), which writes its row in the same round trip as the claim.
 */
@Injectable()
export class OutboxRepository {
  async add(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(
      OutboxEntity,
      // No notBefore: the column's default, the database's now().
      entries.map((e) => ({ topic: e.topic, aggregateId: e.aggregateId, firmId: e.firmId, ...(e.notBefore ? { notBefore: e.notBefore } : {}) })),
    );
  }

  /**
   * Locks up to `limit` due, unpublished rows for this transaction; rows other relays hold are
   * skipped, so relays can run side by side.
   */
  claimDue(manager: EntityManager, limit: number): Promise<OutboxEntity[]> {
    return manager
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .where('o.published_at IS NULL AND o.not_before <= now()')
      .orderBy('o.not_before')
      .addOrderBy('o.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OutboxEntity)
      .set({ publishedAt: () => 'now()', attempts: () => 'attempts + 1' })
      .where({ id: In(ids) })
      .execute();
  }

  /** Of `aggregateIds`, those with an outbox row still to publish or published since `since`. */
  async withRecentRows(manager: EntityManager, aggregateIds: string[], since: Date): Promise<Set<string>> {
    if (aggregateIds.length === 0) return new Set();
    const rows = await manager
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .select('DISTINCT o.aggregate_id', 'aggregateId')
      .where({ aggregateId: In(aggregateIds) })
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
