import Redis, { RedisOptions } from 'ioredis';

/** The process's shared Redis connection for producing jobs and health checks. */
export const REDIS = Symbol('REDIS');

/**
 * Connections for BullMQ. Workers need maxRetriesPerRequest: null (blocking commands must
 * wait out a Redis restart, not throw); producers fail fast so the outbox relay can retry
 * later instead of piling up commands while Redis is down.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3_000 };
  const redis = new Redis(url, { ...options, lazyConnect: false });
  // Reconnects are ioredis's job; an 'error' event without a listener would crash the process.
  redis.on('error', () => undefined);
  return redis;
}

/**
 * Says goodbye politely when Redis is there (QUIT waits for replies in flight), and in any
 * case stops ioredis from reconnecting, which would keep the process alive after shutdown.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await Promise.race([redis.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
  redis.disconnect();
}
