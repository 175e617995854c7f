import { Readable } from 'node:stream';
import { detectType } from './detect-type';
import { EncryptedObjectDeps, openEncrypted, storeEncrypted } from './encrypted-object';
import { AcceptedType, EVIDENCE_LIMITS, UploadRefused, classify } from './file-policy';
import { receiveUpload } from './receive-upload';
import { sanitize } from './sanitize';

export interface StoredUpload {
  storageKey: string;
  wrappedKey: Buffer;
  mediaType: AcceptedType;
  originalSha256: Buffer;
  originalBytes: number;
  storedBytes: number;
  width?: number;
  height?: number;
}

/** Binds a file's data key and bytes to its row: a key or object copied onto another file fails to open. */
export function evidenceAad(fileId: string): string {
  return `evidence:${fileId}`;
}

/**
 * The whole intake of one file: receive → detect → classify → sanitize → encrypt under a new
 * data key (aad `evidence:<fileId>`) → store.put. The temp file is always removed; if anything
 * fails after the put started, the stored object is deleted. Refusals are UploadRefused.
 */
export async function storeUpload(
  source: Readable,
  deps: EncryptedObjectDeps & { tmpDir: string; fileId: string; maxBytes?: number },
): Promise<StoredUpload> {
  const received = await receiveUpload(source, { tmpDir: deps.tmpDir, maxBytes: deps.maxBytes ?? EVIDENCE_LIMITS.maxFileBytes });
  try {
    const verdict = classify(await detectType(received.head));
    if ('refused' in verdict) throw new UploadRefused(verdict.refused, verdict.detected);
    const { output, done } = sanitize(verdict.accepted, received.open());
    const stored = await storeEncrypted(deps, output, { aad: evidenceAad(deps.fileId), check: done });
    const { width, height } = await done;
    return {
      ...stored,
      mediaType: verdict.accepted,
      originalSha256: received.sha256,
      originalBytes: received.bytes,
      ...(width !== undefined && height !== undefined && { width, height }),
    };
  } finally {
    await received.dispose();
  }
}

/** Reading a stored file back: unwrap the key and decrypt the stored stream (trust it once it has ended without error). */
export async function openStored(deps: EncryptedObjectDeps, file: { id: string; storageKey: string; wrappedKey: Buffer }): Promise<Readable> {
  return openEncrypted(deps, { storageKey: file.storageKey, wrappedKey: file.wrappedKey, aad: evidenceAad(file.id) });
}
