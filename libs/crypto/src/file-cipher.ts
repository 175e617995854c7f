import { DecipherGCM, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * Envelope encryption of uploaded files (AES-256-GCM).
 *
 * Every file is encrypted under its own random data key; only the data key is encrypted
 * ("wrapped") under a master key, so rotating a master key re-wraps 32-byte keys, never files.
 * A wrapped key is [version=1][key-id length][key id][12-byte IV][16-byte tag][ciphertext],
 * the same shape as FieldCipher's values, with an AAD (e.g. `evidence:<file id>`) binding it to
 * its file: a key copied onto another file's row fails to unwrap.
 */
const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const STREAM_VERSION = 1;
const STREAM_HEADER_BYTES = 1 + IV_BYTES;

export class FileCipherError extends Error {
  override name = 'FileCipherError';
}

export class FileCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    masterKeys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    for (const [id, key] of masterKeys) {
      if (key.length !== KEY_BYTES) throw new FileCipherError(`key ${id} must be 32 bytes, got ${key.length}`);
      if (Buffer.byteLength(id) > 255) throw new FileCipherError('key id too long');
    }
    if (!masterKeys.has(activeKeyId)) throw new FileCipherError(`active key ${activeKeyId} is not configured`);
    this.keys = masterKeys;
  }

  /** Parses `id:base64key,id2:base64key2`, the format of PII_KEYS. */
  static fromConfig(spec: string, activeKeyId: string): FileCipher {
    const keys = new Map<string, Buffer>();
    for (const pair of spec.split(',')) {
      const [id, b64] = pair.split(':');
      if (!id?.trim() || b64 === undefined) throw new FileCipherError('key entries must look like id:base64key');
      keys.set(id.trim(), Buffer.from(b64.trim(), 'base64'));
    }
    return new FileCipher(keys, activeKeyId);
  }

  newDataKey(): Buffer {
    return randomBytes(KEY_BYTES);
  }

  wrapKey(dataKey: Buffer, aad: string): Buffer {
    assertDataKey(dataKey);
    const keyId = Buffer.from(this.activeKeyId, 'utf8');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION, keyId.length]), keyId, iv, cipher.getAuthTag(), body]);
  }

  unwrapKey(wrapped: Buffer, aad: string): Buffer {
    const { keyId, iv, tag, body } = this.parse(wrapped);
    const key = this.keys.get(keyId);
    if (!key) throw new FileCipherError(`data key was wrapped with key ${keyId}, which is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    let dataKey: Buffer;
    try {
      dataKey = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new FileCipherError('data key failed authentication (wrong key, wrong file, or tampered)');
    }
    // Authentic but not a data key: only a bug on our side writes that, so say so.
    if (dataKey.length !== KEY_BYTES) throw new FileCipherError('wrapped value is not a 32-byte data key');
    return dataKey;
  }

  /** The master key a data key is wrapped with, so a rotation job can find keys to re-wrap. */
  keyIdOf(wrapped: Buffer): string {
    return this.parse(wrapped).keyId;
  }

  private parse(wrapped: Buffer) {
    if (wrapped.length < 2 || wrapped[0] !== VERSION) throw new FileCipherError('unknown envelope version');
    const idEnd = 2 + wrapped[1];
    if (wrapped.length < idEnd + IV_BYTES + TAG_BYTES) throw new FileCipherError('envelope too short');
    return {
      keyId: wrapped.subarray(2, idEnd).toString('utf8'),
      iv: wrapped.subarray(idEnd, idEnd + IV_BYTES),
      tag: wrapped.subarray(idEnd + IV_BYTES, idEnd + IV_BYTES + TAG_BYTES),
      body: wrapped.subarray(idEnd + IV_BYTES + TAG_BYTES),
    };
  }
}

/** Streaming AES-256-GCM under a data key: output is [1-byte version][12-byte IV][ciphertext][16-byte tag]. */
export function encryptingStream(dataKey: Buffer, aad: string): Transform {
  assertDataKey(dataKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return new Transform({
    construct(callback) {
      this.push(Buffer.concat([Buffer.from([STREAM_VERSION]), iv]));
      callback();
    },
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, cipher.update(chunk));
    },
    flush(callback) {
      this.push(cipher.final());
      callback(null, cipher.getAuthTag());
    },
  });
}

/**
 * The reverse of encryptingStream. The tag is the last 16 bytes, so the stream holds them back
 * and checks them at the end; it fails with FileCipherError when they do not verify or the input
 * is too short. Plaintext before the end is emitted BEFORE the tag is checked: a consumer must
 * treat what it read as untrusted until the stream has ended without error (write it somewhere
 * it can be discarded, never act on it half-way).
 */
export function decryptingStream(dataKey: Buffer, aad: string): Transform {
  assertDataKey(dataKey);
  let header: Buffer = Buffer.alloc(0);
  let decipher: DecipherGCM | undefined;
  // The last TAG_BYTES seen so far: possibly the tag, so not yet decrypted.
  let held: Buffer = Buffer.alloc(0);

  const start = (bytes: Buffer) => {
    if (bytes[0] !== STREAM_VERSION) throw new FileCipherError('unknown stream version');
    decipher = createDecipheriv('aes-256-gcm', dataKey, bytes.subarray(1, STREAM_HEADER_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        if (!decipher) {
          header = Buffer.concat([header, chunk]);
          if (header.length < STREAM_HEADER_BYTES) return callback();
          start(header);
          chunk = header.subarray(STREAM_HEADER_BYTES);
          header = Buffer.alloc(0);
        }
        // Large chunks are not copied: decrypt what was held, then all of the chunk but its tail.
        if (chunk.length >= TAG_BYTES) {
          const out = Buffer.concat([decipher!.update(held), decipher!.update(chunk.subarray(0, chunk.length - TAG_BYTES))]);
          held = chunk.subarray(chunk.length - TAG_BYTES);
          return callback(null, out);
        }
        const both = Buffer.concat([held, chunk]);
        const ready = Math.max(0, both.length - TAG_BYTES);
        held = both.subarray(ready);
        callback(null, decipher!.update(both.subarray(0, ready)));
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      if (!decipher || held.length < TAG_BYTES) return callback(new FileCipherError('encrypted stream is truncated'));
      try {
        decipher.setAuthTag(held);
        callback(null, decipher.final());
      } catch {
        callback(new FileCipherError('encrypted stream failed authentication (wrong key, wrong file, truncated or tampered)'));
      }
    },
  });
}

function assertDataKey(dataKey: Buffer): void {
  if (dataKey.length !== KEY_BYTES) throw new FileCipherError(`data key must be 32 bytes, got ${dataKey.length}`);
}
