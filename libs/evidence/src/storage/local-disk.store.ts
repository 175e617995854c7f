import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EvidenceAlreadyExists, EvidenceNotFound, EvidenceStore, assertStorageKey } from './evidence-store';

/**
 * Evidence on a local disk: root/<first 2 hex>/<next 2 hex>/<key>, folders 0700, files 0600.
 * The root must never be a folder a web server serves: files are reached only through get().
 */
export class LocalDiskStore implements EvidenceStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Readable): Promise<{ bytes: number }> {
    try {
      assertStorageKey(key);
      if (await this.exists(key)) throw new EvidenceAlreadyExists(key);
    } catch (error) {
      body.destroy();
      throw error;
    }
    const path = this.pathOf(key);
    const folder = dirname(path);
    // A temp name in the same folder, so the final step is a link on one file system.
    const temp = join(folder, `.${key}.${randomBytes(8).toString('hex')}.tmp`);
    let created: string | undefined;
    let bytes = 0;
    try {
      created = await mkdir(folder, { recursive: true, mode: 0o700 });
      const handle = await open(temp, 'wx', 0o600);
      const count = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback(null, chunk);
        },
      });
      // flush: fsync before close, so the data is on disk before the name appears.
      await pipeline(body, count, handle.createWriteStream({ flush: true }));
      // link, unlike rename, fails when the key exists: two writers of one key cannot both win.
      await link(temp, path).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EEXIST' ? new EvidenceAlreadyExists(key) : error;
      });
    } catch (error) {
      body.destroy();
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
    // The new name is durable once its folder is synced, and a folder made for it once its parent is.
    await syncFolder(folder);
    if (created) {
      const top = dirname(resolve(created));
      for (let dir = dirname(folder); ; dir = dirname(dir)) {
        await syncFolder(dir);
        if (dir === top || dir === dirname(dir)) break;
      }
    }
    return { bytes };
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new EvidenceNotFound(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
