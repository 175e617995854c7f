import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { openEnvelope } from './open-envelope';
import { OpeningThread } from './opening-thread';

/**
 * AES-256-GCM encryption of single personal-data fields.
 *
 * Envelope (bytea in Postgres): [version=1][key-id length][key id][12-byte IV][16-byte tag][ciphertext].
 * The key id travels with each value so keys can rotate: new values use the active key,
 * old values stay readable while their key is still configured.
 *
 * The caller passes an AAD ("associated data", e.g. `claimant:<id>:email`) that binds the
 * ciphertext to its row and column: a value copied onto another row fails to decrypt
 * instead of silently reading as someone else's data.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
}

export class FieldCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly thread: OpeningThread;

  constructor(
    keys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    for (const [id, key] of keys) {
      if (key.length !== 32) throw new FieldCipherError(`key ${id} must be 32 bytes, got ${key.length}`);
      if (Buffer.byteLength(id) > 255) throw new FieldCipherError('key id too long');
    }
    if (!keys.has(activeKeyId)) throw new FieldCipherError(`active key ${activeKeyId} is not configured`);
    this.keys = keys;
    this.thread = new OpeningThread(keys);
  }

  /** Parses `id:base64key,id2:base64key2` as found in PII_KEYS. */
  static fromConfig(spec: string, activeKeyId: string): FieldCipher {
    const keys = new Map<string, Buffer>();
    for (const pair of spec.split(',')) {
      const [id, b64] = pair.split(':');
      if (!id || b64 === undefined) throw new FieldCipherError('key entries must look like id:base64key');
      keys.set(id.trim(), Buffer.from(b64.trim(), 'base64'));
    }
    return new FieldCipher(keys, activeKeyId);
  }

  encrypt(plaintext: string, aad: string): Buffer {
    const keyId = Buffer.from(this.activeKeyId, 'utf8');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION, keyId.length]), keyId, iv, cipher.getAuthTag(), body]);
  }

  decrypt(envelope: Buffer, aad: string): string {
    try {
      return openEnvelope(createDecipheriv, this.keys, envelope, aad);
    } catch (error) {
      throw new FieldCipherError((error as Error).message);
    }
  }

  /**
   * Opens a page of values on a thread of their own (OpeningThread), in order, so a caller with
   * thousands to open leaves its own thread free meanwhile. One that fails fails the page.
   */
  async decryptMany(values: readonly { envelope: Buffer; aad: string }[]): Promise<string[]> {
    try {
      return await this.thread.open(
        values.map((v) => v.envelope),
        values.map((v) => v.aad),
      );
    } catch (error) {
      throw new FieldCipherError((error as Error).message);
    }
  }

  /** Stops the opening thread, if one was started; a later page starts another. */
  close(): Promise<void> {
    return this.thread.close();
  }

  /** Nest calls this on shutdown (it is a provider): an application closed leaves no idle thread behind. */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  /** The key a stored value was written with, so a rotation job can find values to re-encrypt. */
  keyIdOf(envelope: Buffer): string {
    if (envelope.length < 2 || envelope[0] !== VERSION) throw new FieldCipherError('unknown envelope version');
    const idEnd = 2 + envelope[1];
    if (envelope.length < idEnd + IV_BYTES + TAG_BYTES) throw new FieldCipherError('envelope too short');
    return envelope.toString('utf8', 2, idEnd);
  }
}
