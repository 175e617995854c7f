import Redis, { RedisOptions } from 'ioredis';

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
  return new Redis(url, { ...options, lazyConnect: false });
}
