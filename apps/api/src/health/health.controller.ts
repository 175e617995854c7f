import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { QUEUE_NAMES, REDIS, withTimeout } from '@app/queue';

/** A backlog older than this with no worker progress means the pipeline is stuck. */
const STUCK_AFTER_MS = 60_000;


@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** The process is up and its event loop turns. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Postgres answers, Redis answers, and the worker makes progress: every queue has a live
   * worker heartbeat, and work waiting in the outbox or a queue is not older than a minute
   * without the worker completing anything.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([this.checkPostgres(), this.checkRedis()]);
    const worker = postgres.status === 'up' && redis.status === 'up' ? await this.checkWorker() : { status: 'unknown' };
    const ok = postgres.status === 'up' && redis.status === 'up' && worker.status === 'up';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis, worker } };
  }

  private async checkPostgres() {
    try {
      await withTimeout(this.db.query('SELECT 1'), 2_000);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : 'unreachable' };
    }
  }

  private async checkRedis() {
    try {
      await withTimeout(this.redis.ping(), 2_000);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : 'unreachable' };
    }
  }

  private async checkWorker() {
    const now = Date.now();
    const prefix = this.config.QUEUE_PREFIX;
    const [outboxRow] = await this.db.query(
      `SELECT (extract(epoch FROM now() - min(created_at)) * 1000)::bigint AS lag_ms FROM outbox WHERE published_at IS NULL`,
    );
    const outboxLagMs = outboxRow?.lag_ms === null || outboxRow?.lag_ms === undefined ? 0 : Number(outboxRow.lag_ms);
    const queues: Record<string, unknown> = {};
    let healthy = outboxLagMs < STUCK_AFTER_MS;
    for (const queue of QUEUE_NAMES) {
      const keys = await this.scan(`${prefix}:heartbeat:${queue}:*`);
      const beats = (keys.length ? await this.redis.mget(keys) : [])
        .filter((v): v is string => v !== null)
        .map((v) => JSON.parse(v) as { at: number; lastProgressAt: number | null });
      const waiting = await this.redis.llen(`${prefix}:${queue}:wait`);
      const lastProgressAt = Math.max(0, ...beats.map((b) => b.lastProgressAt ?? 0));
      const stuck = waiting > 0 && now - lastProgressAt > STUCK_AFTER_MS && beats.length > 0 && now - Math.min(...beats.map((b) => b.at)) > STUCK_AFTER_MS;
      const up = beats.length > 0 && !stuck;
      healthy &&= up;
      queues[queue] = { workers: beats.length, waiting, lastProgressAt: lastProgressAt || null, status: up ? 'up' : 'down' };
    }
    return { status: healthy ? 'up' : 'down', outboxLagMs, queues };
  }

  private async scan(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found;
  }
}
