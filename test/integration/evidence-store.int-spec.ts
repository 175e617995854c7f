import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { newStorageKey } from '../../libs/evidence/src/storage/evidence-store';
import { LocalDiskStore } from '../../libs/evidence/src/storage/local-disk.store';
import { S3Store } from '../../libs/evidence/src/storage/s3.store';
import { describeEvidenceStoreContract, randomStream } from '../support/evidence-store-contract';

// s3rver ships no typings; this is the part of it the test uses.
interface S3rverServer {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
const S3rver: new (options: Record<string, unknown>) => S3rverServer = require('s3rver');

/** Every file under `root`, relative paths, recursively. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describeEvidenceStoreContract('LocalDiskStore', async () => {
  const root = await mkdtemp(join(tmpdir(), 'evidence-disk-'));
  return { store: new LocalDiskStore(join(root, 'store')), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describeEvidenceStoreContract('S3Store on s3rver', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'evidence-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const admin = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  await admin.send(new CreateBucketCommand({ Bucket: 'evidence-test' }));
  admin.destroy();
  const store = new S3Store({ bucket: 'evidence-test', region: 'us-east-1', endpoint, forcePathStyle: true, prefix: 'evidence/', ...credentials });
  return {
    store,
    cleanup: async () => {
      store.close();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});

describe('LocalDiskStore on disk', () => {
  let root: string;
  let store: LocalDiskStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'evidence-disk-'));
    store = new LocalDiskStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes root/<2 hex>/<2 hex>/<key>, the file 0600 and its folders 0700', async () => {
    const key = newStorageKey();
    await store.put(key, Readable.from([Buffer.from('evidence')]));
    const path = join(root, key.slice(0, 2), key.slice(2, 4), key);
    expect(await filesUnder(root)).toEqual([path]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, key.slice(0, 2)))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, key.slice(0, 2), key.slice(2, 4)))).mode & 0o777).toBe(0o700);
  });

  it('leaves no file at all, temporary or final, when the source fails midway', async () => {
    const key = newStorageKey();
    await expect(store.put(key, randomStream(4_000_000, { failAfter: 1_000_000 }).stream)).rejects.toThrow('client went away');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('never shows a half-written file under its key: while the source is still sending, only a temp name exists', async () => {
    const key = newStorageKey();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    const slow = new Readable({
      read() {
        if (sent === 1) return void gate.then(() => this.push(null));
        sent++;
        this.push(Buffer.alloc(100_000, 1));
      },
    });
    const putting = store.put(key, slow);
    // Wait until the first chunk reached the disk under the temp name.
    for (;;) {
      const files = await filesUnder(root);
      if (files.length === 1 && (await stat(files[0])).size === 100_000) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await store.exists(key)).toBe(false);
    expect((await filesUnder(root)).map((path) => path.endsWith(`/${key}`))).toEqual([false]);
    release();
    expect(await putting).toEqual({ bytes: 100_000 });
    expect(await store.exists(key)).toBe(true);
    expect(await filesUnder(root)).toEqual([join(root, key.slice(0, 2), key.slice(2, 4), key)]);
  });
});
