import Redis from 'ioredis';

/** Deletes every key under a test run's queue prefix. */
export async function deleteQueueKeys(url: string, prefix: string): Promise<number> {
  if (!prefix.startsWith('test-')) throw new Error(`refusing to delete keys of non-test prefix ${prefix}`);
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
