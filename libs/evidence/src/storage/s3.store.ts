import { Readable, Transform, pipeline } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { EvidenceAlreadyExists, EvidenceNotFound, EvidenceStore, assertStorageKey } from './evidence-store';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Prepended to every key, e.g. `evidence/`. */
  prefix?: string;
}

const PART_BYTES = 5 * 1024 * 1024;

/** Evidence in an S3 bucket (or anything speaking S3: MinIO, s3rver in the tests). */
export class S3Store implements EvidenceStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      // Without explicit keys the SDK's default chain applies (environment, instance role).
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
    });
  }

  async put(key: string, body: Readable): Promise<{ bytes: number }> {
    try {
      assertStorageKey(key);
      // IfNoneMatch below is the atomic guard on S3 itself (and MinIO); s3rver ignores it on
      // PUT, so this HEAD is what refuses an overwrite there (with a race between two writers).
      if (await this.exists(key)) throw new EvidenceAlreadyExists(key);
    } catch (error) {
      body.destroy();
      throw error;
    }
    let bytes = 0;
    // pipeline, not pipe: a failing source must fail the upload, not end it short.
    const counted = pipeline(
      body,
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback(null, chunk);
        },
      }),
      () => {},
    );
    // One 5 MiB part at a time (multipart above that): an upload never holds more of a file in memory.
    const upload = new Upload({
      client: this.client,
      partSize: PART_BYTES,
      queueSize: 1,
      params: { Bucket: this.bucket, Key: this.prefix + key, Body: counted, IfNoneMatch: '*' },
    });
    try {
      await upload.done();
    } catch (error) {
      body.destroy();
      counted.destroy();
      // A failed multipart upload is aborted by Upload; a single PUT that failed left nothing.
      if (statusOf(error) === 412) throw new EvidenceAlreadyExists(key);
      throw error;
    }
    return { bytes };
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return object.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new EvidenceNotFound(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
  }

  /** Needs s3:ListBucket on the bucket: without it S3 answers a missing key with 403, not 404. */
  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Closes the client's sockets (open handles keep a process, or jest, from exiting). */
  close(): void {
    this.client.destroy();
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}
