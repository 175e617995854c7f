import type { createDecipheriv } from 'node:crypto';

/**
 * Opens one field envelope (see FieldCipher for its layout): AES-256-GCM under the key the
 * envelope names, authenticated with its associated data. Throws an Error saying why it could
 * not, without the value.
 *
 * Self-contained on purpose: it uses nothing from outside its own body but what it is given,
 * because the opening thread (opening-thread.ts) runs its source text. Both threads read
 * envelopes with the very same code.
 */
export function openEnvelope(decipherOf: typeof createDecipheriv, keys: ReadonlyMap<string, Uint8Array>, envelope: Buffer, aad: string): string {
  // [version=1][key-id length][key id][12-byte IV][16-byte tag][ciphertext]
  if (envelope.length < 2 || envelope[0] !== 1) throw new Error('unknown envelope version');
  const idEnd = 2 + envelope[1];
  if (envelope.length < idEnd + 28) throw new Error('envelope too short');
  const keyId = envelope.toString('utf8', 2, idEnd);
  const key = keys.get(keyId);
  if (!key) throw new Error(`value was written with key ${keyId}, which is not configured`);
  const decipher = decipherOf('aes-256-gcm', key, envelope.subarray(idEnd, idEnd + 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(envelope.subarray(idEnd + 12, idEnd + 28));
  const text = decipher.update(envelope.subarray(idEnd + 28)).toString('utf8');
  try {
    decipher.final();
  } catch {
    throw new Error('value failed authentication (wrong key, wrong row, or tampered)');
  }
  return text;
}
