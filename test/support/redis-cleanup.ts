import { deleteQueuePrefix } from '@app/queue';

/** Deletes every key under a test run's queue prefix. */
export async function deleteQueueKeys(url: string, prefix: string): Promise<number> {
  if (!prefix.startsWith('test-')) throw new Error(`refusing to delete keys of non-test prefix ${prefix}`);
  return deleteQueuePrefix(url, prefix);
}
