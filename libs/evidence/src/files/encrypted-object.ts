import { Readable, pipeline } from 'node:stream';
import { FileCipher, decryptingStream, encryptingStream } from '@app/crypto';
import { EvidenceAlreadyExists, EvidenceStore, InvalidStorageKey, newStorageKey } from './evidence-store';

export interface EncryptedObjectDeps {
  store: EvidenceStore;
  cipher: FileCipher;
}

export interface EncryptedObject {
  storageKey: string;
  /** The object's data key, wrapped under the active master key: store it beside the object's row. */
  wrappedKey: Buffer;
  /** Bytes in the store (plaintext + 29). */
  storedBytes: number;
}

/**
 * Encrypts `body` under a new data key (bound to `aad`) and puts it under a new storage key, or
 * the one given (e.g. `<key>.thumb`). When the put or `check` (e.g. the sanitizer's result)
 * fails, whatever was stored is deleted and the first cause is thrown.
 */
export async function storeEncrypted(
  deps: EncryptedObjectDeps,
  body: Readable,
  options: { aad: string; storageKey?: string; check?: Promise<unknown> },
): Promise<EncryptedObject> {
  const storageKey = options.storageKey ?? newStorageKey();
  const dataKey = deps.cipher.newDataKey();
  const wrappedKey = deps.cipher.wrapKey(dataKey, options.aad);
  const encrypted = pipeline(body, encryptingStream(dataKey, options.aad), () => {});
  // Both settle before anything is cleaned up: a delete must not race a put still writing.
  const [put, check] = await Promise.allSettled([deps.store.put(storageKey, encrypted), options.check]);
  if (put.status === 'fulfilled' && check.status === 'fulfilled') return { storageKey, wrappedKey, storedBytes: put.value.bytes };
  // A key that was taken or invalid was never ours to delete.
  const refusedBeforeWriting = put.status === 'rejected' && (put.reason instanceof EvidenceAlreadyExists || put.reason instanceof InvalidStorageKey);
  // If this delete fails too, the object left behind is unreadable: its data key was never saved.
  if (!refusedBeforeWriting) await deps.store.delete(storageKey).catch(() => undefined);
  throw check.status === 'rejected' ? check.reason : (put as PromiseRejectedResult).reason;
}

/** storeEncrypted for something already in memory, such as a thumbnail. */
export function storeBuffer(deps: EncryptedObjectDeps, bytes: Buffer, options: { aad: string; storageKey?: string }): Promise<EncryptedObject> {
  return storeEncrypted(deps, Readable.from([bytes]), options);
}

/**
 * The plaintext of a stored object. Like decryptingStream, it fails at the end if the object
 * was tampered with: use what it gave only once it has ended without error.
 */
export async function openEncrypted(deps: EncryptedObjectDeps, object: { storageKey: string; wrappedKey: Buffer; aad: string }): Promise<Readable> {
  const dataKey = deps.cipher.unwrapKey(object.wrappedKey, object.aad);
  const stored = await deps.store.get(object.storageKey);
  return pipeline(stored, decryptingStream(dataKey, object.aad), () => {});
}
