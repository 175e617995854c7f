import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** What a controller sends: a stream and how to name it. */
export interface Download {
  fileName: string;
  asciiName: string;
  contentType: string;
  stream: NodeJS.ReadableStream;
}

/** A pass-through that counts and hashes every byte of a download on its way out. */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  digest(): Buffer {
    return this.hash.digest();
  }
}

/** Waits while the download's reader is behind, so a slow client holds back the producer, not memory. */
export async function drained(stream: NodeJS.WritableStream & { writableNeedDrain?: boolean }): Promise<void> {
  if (!stream.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', fail);
      resolve();
    };
    const fail = (error: Error) => {
      stream.off('drain', done);
      stream.off('close', done);
      reject(error);
    };
    stream.once('drain', done);
    stream.once('close', done);
    stream.once('error', fail);
  });
}
