import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where evidence files live (local disk, S3). Keys are random names, never derived from the
 * file or the person, and a key is written once: a stored object is never replaced.
 */
export interface EvidenceStore {
  /** Writes the whole stream under a new key; resolves once durable. Refuses to overwrite an existing key. */
  put(key: string, body: Readable): Promise<{ bytes: number }>;
  /** Rejects with EvidenceNotFound when absent. */
  get(key: string): Promise<Readable>;
  /** Absent is fine. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class EvidenceNotFound extends Error {
  override name = 'EvidenceNotFound';
  constructor(key: string) {
    super(`no stored evidence under ${key}`);
  }
}

export class EvidenceAlreadyExists extends Error {
  override name = 'EvidenceAlreadyExists';
  constructor(key: string) {
    super(`stored evidence already exists under ${key}`);
  }
}

export class InvalidStorageKey extends Error {
  override name = 'InvalidStorageKey';
  constructor(key: string) {
    // Only the length is echoed: the refused value may be anything a caller passed in.
    super(`not a storage key (${key.length} characters)`);
  }
}

const STORAGE_KEY = /^[0-9a-f]{64}(\.[a-z]{1,8})?$/;

/** A random storage name: 64 hex chars (32 random bytes). Names never carry anything about the file or person. */
export function newStorageKey(): string {
  return randomBytes(32).toString('hex');
}

/** `<64 hex>` or `<64 hex>.<suffix>` (e.g. `.thumb`); drivers refuse anything else, so no key can climb out of its folder. */
export function isStorageKey(key: string): boolean {
  return typeof key === 'string' && STORAGE_KEY.test(key);
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new InvalidStorageKey(String(key));
}
