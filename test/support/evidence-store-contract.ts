import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  EvidenceAlreadyExists,
  EvidenceNotFound,
  EvidenceStore,
  InvalidStorageKey,
  newStorageKey,
} from '../../libs/evidence/src/storage/evidence-store';

const MiB = 1024 * 1024;

/** `size` pseudo-random bytes in 64 KiB chunks, generated as read (never one big buffer), with their SHA-256. */
export function randomStream(size: number, options: { failAfter?: number } = {}): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (options.failAfter !== undefined && sent >= options.failAfter) {
        this.destroy(new Error('client went away'));
        return;
      }
      if (sent >= size) return void this.push(null);
      const chunk = randomBytes(Math.min(64 * 1024, size - sent));
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What every EvidenceStore driver must do; run against each driver by test/integration/evidence-store.int-spec.ts. */
export function describeEvidenceStoreContract(name: string, make: () => Promise<{ store: EvidenceStore; cleanup(): Promise<void> }>): void {
  describe(`${name} (EvidenceStore contract)`, () => {
    let store: EvidenceStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await make());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('stores a multi-megabyte stream and gives the same bytes back', async () => {
      const key = newStorageKey();
      const size = 12 * MiB + 12_345; // past two 5 MiB parts, for drivers that upload in parts
      const source = randomStream(size);
      expect(await store.exists(key)).toBe(false);
      expect(await store.put(key, source.stream)).toEqual({ bytes: size });
      expect(await store.exists(key)).toBe(true);
      const back = await readAll(await store.get(key));
      expect(back).toHaveLength(size);
      expect(createHash('sha256').update(back).digest('hex')).toBe(source.sha256());
    });

    it('stores an empty stream', async () => {
      const key = newStorageKey();
      expect(await store.put(key, Readable.from([]))).toEqual({ bytes: 0 });
      expect(await readAll(await store.get(key))).toEqual(Buffer.alloc(0));
    });

    it('keeps a suffixed key (a thumbnail) apart from its base key', async () => {
      const key = newStorageKey();
      await store.put(key, Readable.from([Buffer.from('original')]));
      await store.put(`${key}.thumb`, Readable.from([Buffer.from('thumbnail')]));
      expect((await readAll(await store.get(key))).toString()).toBe('original');
      expect((await readAll(await store.get(`${key}.thumb`))).toString()).toBe('thumbnail');
      await store.delete(`${key}.thumb`);
      expect(await store.exists(key)).toBe(true);
      expect(await store.exists(`${key}.thumb`)).toBe(false);
    });

    it('deletes: the key is gone and reading it rejects with EvidenceNotFound', async () => {
      const key = newStorageKey();
      await store.put(key, Readable.from([randomBytes(1000)]));
      await store.delete(key);
      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(EvidenceNotFound);
    });

    it('deletes an absent key without complaint', async () => {
      await expect(store.delete(newStorageKey())).resolves.toBeUndefined();
    });

    it('rejects reading an absent key with EvidenceNotFound', async () => {
      await expect(store.get(newStorageKey())).rejects.toBeInstanceOf(EvidenceNotFound);
    });

    it('refuses to overwrite a key and keeps the first content', async () => {
      const key = newStorageKey();
      await store.put(key, Readable.from([Buffer.from('first')]));
      const second = Readable.from([Buffer.from('second')]);
      await expect(store.put(key, second)).rejects.toBeInstanceOf(EvidenceAlreadyExists);
      expect(second.destroyed).toBe(true);
      expect((await readAll(await store.get(key))).toString()).toBe('first');
    });

    const hex = 'a'.repeat(64);
    it.each([
      '../x',
      `../${hex}`,
      `${hex}/../${hex}`,
      `${hex}/x`,
      '',
      hex.slice(1),
      `${hex}0`,
      hex.toUpperCase(),
      `${hex}.THUMB`,
      `${hex}.`,
      `${hex}.toolongxx`,
      `${hex}.thumb.x`,
      `${hex}\0`,
      `${hex}\n`,
      `/${hex}`,
    ])('refuses the key %j for every operation', async (key) => {
      const body = Readable.from([Buffer.from('x')]);
      await expect(store.put(key, body)).rejects.toBeInstanceOf(InvalidStorageKey);
      expect(body.destroyed).toBe(true);
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidStorageKey);
      await expect(store.exists(key)).rejects.toBeInstanceOf(InvalidStorageKey);
      await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidStorageKey);
    });

    it.each([
      ['early, inside the first part', 1 * MiB],
      ['late, after a whole 5 MiB part was read', 7 * MiB],
    ])('rejects a put whose source fails %s and leaves no object', async (_when, failAfter) => {
      const key = newStorageKey();
      await expect(store.put(key, randomStream(12 * MiB, { failAfter }).stream)).rejects.toThrow();
      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(EvidenceNotFound);
      // The key is still free: a retry of the same upload can use it.
      await store.put(key, Readable.from([Buffer.from('retry')]));
      expect((await readAll(await store.get(key))).toString()).toBe('retry');
    });
  });
}
