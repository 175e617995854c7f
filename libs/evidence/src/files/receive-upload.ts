import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, pipeline as pipelineCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decryptingStream, encryptingStream } from '@app/crypto';
import { DETECTION_BYTES } from './detect-type';
import { UploadRefused } from './file-policy';

export interface ReceivedUpload {
  /** Of the original bytes, as uploaded. */
  sha256: Buffer;
  bytes: number;
  /** The first <= 4100 bytes (enough for file-type). */
  head: Buffer;
  /** The original bytes again (decrypted from the temp file). */
  open(): Readable;
  /** Deletes the temp file; idempotent. */
  dispose(): Promise<void>;
}

const TEMP_AAD = 'upload:temp';

/**
 * Streams an upload to a temp file in tmpDir encrypted with a one-time key kept only in memory
 * (a crash leaves unreadable bytes, never a plaintext copy), hashing and counting on the way.
 * Past maxBytes it stops reading, destroys the source, removes the temp file and throws
 * UploadRefused('tooLarge'); zero bytes → UploadRefused('empty'). Never holds the whole file in memory.
 */
export async function receiveUpload(source: Readable, options: { tmpDir: string; maxBytes: number }): Promise<ReceivedUpload> {
  const key = randomBytes(32);
  const path = join(options.tmpDir, `upload-${randomBytes(16).toString('hex')}.enc`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headBytes = 0;
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      // Failing here makes pipeline destroy the source: nothing more is read from the client.
      if (bytes > options.maxBytes) return callback(new UploadRefused('tooLarge'));
      hash.update(chunk);
      if (headBytes < DETECTION_BYTES) {
        const part = chunk.subarray(0, DETECTION_BYTES - headBytes);
        headChunks.push(Buffer.from(part));
        headBytes += part.length;
      }
      callback(null, chunk);
    },
  });
  const remove = () => rm(path, { force: true });
  try {
    const handle = await open(path, 'wx', 0o600);
    await pipeline(source, measure, encryptingStream(key, TEMP_AAD), handle.createWriteStream());
    if (bytes === 0) throw new UploadRefused('empty');
  } catch (error) {
    source.destroy();
    await remove();
    throw error;
  }
  let disposed: Promise<void> | undefined;
  return {
    sha256: hash.digest(),
    bytes,
    head: Buffer.concat(headChunks),
    open: () => pipelineCallback(createReadStream(path), decryptingStream(key, TEMP_AAD), () => {}),
    dispose: () => (disposed ??= remove()),
  };
}
