import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { FileCipher, FileCipherError } from '@app/crypto';
import { openEncrypted, storeBuffer } from '../../libs/evidence/src/files/encrypted-object';
import { EVIDENCE_LIMITS, RefusalCode, UploadRefused } from '../../libs/evidence/src/files/file-policy';
import { pdfPageCount, thumbnail } from '../../libs/evidence/src/files/prepare';
import { StoredUpload, openStored, storeUpload } from '../../libs/evidence/src/files/store-upload';
import { EvidenceStore } from '../../libs/evidence/src/storage/evidence-store';
import { LocalDiskStore } from '../../libs/evidence/src/storage/local-disk.store';
import { readAll } from '../support/evidence-store-contract';

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/** Deterministic noise (SHA-256 in counter mode): random-looking, the same on every run. */
function noise(size: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < size; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
}

/** `bytes` as an upload arrives: in odd-sized chunks. */
const asUpload = (bytes: Buffer, chunk = 60_001) => Readable.from(Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk)));

/** True when `haystack` contains any 64-byte run of `needle`. */
function sharesA64ByteRun(haystack: Buffer, needle: Buffer): boolean {
  const runs = new Set<string>();
  for (let i = 0; i + 64 <= haystack.length; i++) runs.add(haystack.toString('latin1', i, i + 64));
  for (let i = 0; i + 64 <= needle.length; i++) if (runs.has(needle.toString('latin1', i, i + 64))) return true;
  return false;
}

// ---- files the test makes ----

const SECRETS = ['KimMinjiArtist', 'SecretCopyright', '2025:11:29', 'XmpSecretCreator', 'Seoul Gangnam-gu'];
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XmpSecretCreator</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** Left half red, right half blue (with a little noise so the encoding is not trivial). */
function halves(width: number, height: number): sharp.Sharp {
  const pixels = noise(width * height * 3, `halves-${width}x${height}`);
  for (let i = 0; i < width * height; i++) {
    const red = i % width < width / 2;
    pixels[i * 3] = red ? 200 + (pixels[i * 3] % 40) : pixels[i * 3] % 40;
    pixels[i * 3 + 1] = pixels[i * 3 + 1] % 40;
    pixels[i * 3 + 2] = red ? pixels[i * 3 + 2] % 40 : 200 + (pixels[i * 3 + 2] % 40);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** A phone photo: EXIF with GPS, an orientation (rotate 90° clockwise to view), a Display P3 profile and XMP. */
const phonePhoto = (width = 64, height = 32) =>
  halves(width, height)
    // withExif's IFD0 Orientation is overwritten by sharp; withMetadata's orientation is what sets it.
    .withMetadata({ orientation: 6 })
    .withIccProfile('p3')
    .withExif({
      IFD0: { Artist: 'KimMinjiArtist', Copyright: 'SecretCopyright', ImageDescription: 'Seoul Gangnam-gu' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '127/1 2/1 0/1', GPSDateStamp: '2025:11:29' },
    })
    .withXmp(XMP)
    .jpeg({ quality: 80 })
    .toBuffer();

const screenshot = () =>
  halves(120, 80)
    .ensureAlpha(0.5)
    .withIccProfile('p3')
    .withExif({ IFD0: { Artist: 'KimMinjiArtist', Copyright: 'SecretCopyright' } })
    .png()
    .toBuffer();

async function threePagePdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle('Coupang breach notice');
  for (let i = 0; i < 3; i++) document.addPage([595, 842]).drawText(`page ${i + 1}`);
  return Buffer.from(await document.save());
}

/** A Windows PE: 'MZ', e_lfanew → 'PE\0\0' and an i386 file header, then code-like noise. */
function windowsProgram(): Buffer {
  const file = Buffer.concat([Buffer.alloc(0x200), noise(20_000, 'pe')]);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('PE\0\0', 0x80, 'latin1');
  file.writeUInt16LE(0x14c, 0x84);
  return file;
}

/** A 64-bit little-endian ELF header for x86-64, then noise. */
function linuxProgram(): Buffer {
  const header = Buffer.alloc(64);
  header.write('\x7fELF', 0, 'latin1');
  header[4] = 2; // 64-bit
  header[5] = 1; // little-endian
  header[6] = 1; // version
  header.writeUInt16LE(2, 16); // executable
  header.writeUInt16LE(0x3e, 18); // x86-64
  return Buffer.concat([header, noise(20_000, 'elf')]);
}

/** A zip holding one stored (uncompressed) file: local header, data, central directory, end record. */
function zipOf(name: string, data: Buffer): Buffer {
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny, valid-looking PNG whose header claims width x height: a decompression bomb's calling card. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(1000))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** An ISO-BMFF box `....ftypheic`, as an iPhone photo starts. */
const heicLooking = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), noise(4000, 'heic')]);

/** A stream of `size` bytes made as read, counting how many were actually pulled from it. */
function endless(size: number): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const stream = new Readable({
    read() {
      if (pulled >= size) return void this.push(null);
      const chunk = Buffer.alloc(Math.min(64 * 1024, size - pulled), pulled === 0 ? 0xff : 0);
      pulled += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

// ---- the test ----

describe('evidence upload pipeline', () => {
  let root: string;
  let tmpDir: string;
  let storeRoot: string;
  let store: EvidenceStore;
  let calls: { put: string[]; delete: string[] };
  const cipher = new FileCipher(new Map([['k1', randomBytes(32)]]), 'k1');
  let fileId: string;

  const upload = (bytes: Buffer | Readable, options: { maxBytes?: number; into?: EvidenceStore } = {}) =>
    storeUpload(Buffer.isBuffer(bytes) ? asUpload(bytes) : bytes, { store: options.into ?? store, cipher, tmpDir, fileId, maxBytes: options.maxBytes });
  const storedFiles = async () => (await readdir(storeRoot, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const rawStored = async (result: StoredUpload) => readAll(await store.get(result.storageKey));
  const reopened = async (result: StoredUpload) => readAll(await openStored({ store, cipher }, { id: fileId, ...result }));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'evidence-upload-'));
    tmpDir = join(root, 'tmp');
    await mkdir(tmpDir);
  });
  beforeEach(async () => {
    // A store of its own per test, so "nothing stored" means this test stored nothing.
    storeRoot = await mkdtemp(join(root, 'store-'));
    const disk = new LocalDiskStore(storeRoot);
    // The real store, recording which keys the pipeline put and deleted.
    calls = { put: [], delete: [] };
    store = {
      put: (key, body) => (calls.put.push(key), disk.put(key, body)),
      get: (key) => disk.get(key),
      delete: (key) => (calls.delete.push(key), disk.delete(key)),
      exists: (key) => disk.exists(key),
    };
    fileId = `0190f5a0-0000-7000-8000-${randomBytes(6).toString('hex')}`;
  });
  afterEach(async () => {
    // Success or failure, no temp file outlives its upload.
    expect(await readdir(tmpDir)).toEqual([]);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('turns the sharp cache off, so no decoded image stays in memory between requests', () => {
    expect(sharp.cache()).toMatchObject({ items: { max: 0 }, memory: { max: 0 }, files: { max: 0 } });
  });

  describe('accepted files', () => {
    it('a phone photo: stored encrypted, then read back rotated upright with every metadata block gone', async () => {
      const photo = await phonePhoto();
      const before = await sharp(photo).metadata();
      // The fixture really carries what must be removed.
      expect(before).toMatchObject({ width: 64, height: 32, orientation: 6 });
      expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer (little-endian tag 0x8825)
      expect(before.exif?.includes('2025:11:29')).toBe(true); // GPSDateStamp
      expect(before.icc).toBeDefined();
      expect(before.xmp).toBeDefined();
      for (const secret of SECRETS) expect(photo.includes(secret)).toBe(true);

      const result = await upload(photo);
      expect(result).toMatchObject({ mediaType: 'image/jpeg', originalBytes: photo.length, width: 32, height: 64 });
      expect(result.originalSha256.equals(sha256(photo))).toBe(true);

      const raw = await rawStored(result);
      expect(raw).toHaveLength(result.storedBytes);
      expect(raw.includes(photo)).toBe(false);
      expect(sharesA64ByteRun(raw, photo)).toBe(false);
      for (const secret of SECRETS) expect(raw.includes(secret)).toBe(false);

      const kept = await reopened(result);
      expect(kept).toHaveLength(result.storedBytes - 29);
      for (const secret of SECRETS) expect(kept.includes(secret)).toBe(false);
      expect(kept.includes('Exif\0\0')).toBe(false);
      expect(kept.includes('http://ns.adobe.com/xap')).toBe(false);
      const after = await sharp(kept).metadata();
      expect(after).toMatchObject({ format: 'jpeg', width: 32, height: 64 });
      for (const field of ['exif', 'icc', 'xmp', 'iptc', 'orientation'] as const) expect(after[field]).toBeUndefined();
      // Rotated, not just relabelled: the photo's left (red) half is now on top.
      const { data, info } = await sharp(kept).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
      expect(pixel(16, 8)[0]).toBeGreaterThan(150);
      expect(pixel(16, 8)[2]).toBeLessThan(100);
      expect(pixel(16, 56)[0]).toBeLessThan(100);
      expect(pixel(16, 56)[2]).toBeGreaterThan(150);
    });

    it('a PNG screenshot: stays a PNG of the same size, alpha kept, metadata gone', async () => {
      const png = await screenshot();
      expect((await sharp(png).metadata()).exif).toBeDefined();

      const result = await upload(png);
      expect(result).toMatchObject({ mediaType: 'image/png', originalBytes: png.length, width: 120, height: 80 });
      expect(result.originalSha256.equals(sha256(png))).toBe(true);

      const raw = await rawStored(result);
      expect(sharesA64ByteRun(raw, png)).toBe(false);
      expect(raw.includes('KimMinjiArtist')).toBe(false);

      const kept = await reopened(result);
      expect(kept.includes('KimMinjiArtist')).toBe(false);
      const after = await sharp(kept).metadata();
      expect(after).toMatchObject({ format: 'png', width: 120, height: 80, hasAlpha: true });
      for (const field of ['exif', 'icc', 'xmp', 'iptc']) expect(after[field as keyof sharp.Metadata]).toBeUndefined();
    });

    it('a PDF: kept byte for byte, and its pages counted from the stored copy', async () => {
      const pdf = await threePagePdf();
      const result = await upload(pdf);
      expect(result).toMatchObject({ mediaType: 'application/pdf', originalBytes: pdf.length, storedBytes: pdf.length + 29 });
      expect(result).not.toHaveProperty('width');
      expect(result.originalSha256.equals(sha256(pdf))).toBe(true);

      const raw = await rawStored(result);
      expect(raw.includes(pdf)).toBe(false);
      expect(sharesA64ByteRun(raw, pdf)).toBe(false);
      expect(raw.includes('%PDF')).toBe(false);

      expect((await reopened(result)).equals(pdf)).toBe(true);
      expect(await pdfPageCount(await openStored({ store, cipher }, { id: fileId, ...result }), EVIDENCE_LIMITS.maxFileBytes)).toBe(3);
    });

    it('a file of exactly the size limit', async () => {
      const pdf = await threePagePdf();
      const atLimit = Buffer.concat([pdf, Buffer.from('\n%'), Buffer.alloc(EVIDENCE_LIMITS.maxFileBytes - pdf.length - 2, 0x20)]);
      expect(atLimit).toHaveLength(10 * MiB);
      const result = await upload(atLimit);
      expect(result.originalBytes).toBe(10 * MiB);
      expect(result.originalSha256.equals(sha256(atLimit))).toBe(true);
    });

    it('binds the stored file to its id: opened as another file, or with its bytes changed, it fails', async () => {
      const result = await upload(await threePagePdf());
      await expect(openStored({ store, cipher }, { ...result, id: 'another-file' })).rejects.toThrow(FileCipherError);
      // Swap in a tampered copy under a new key: the end of the stream fails authentication.
      const raw = await rawStored(result);
      raw[raw.length - 100] ^= 1;
      const tamperedKey = `${result.storageKey}.x`;
      await store.put(tamperedKey, Readable.from([raw]));
      await expect(readAll(await openStored({ store, cipher }, { id: fileId, ...result, storageKey: tamperedKey }))).rejects.toThrow(FileCipherError);
    });

    it('gives each upload its own storage key and data key', async () => {
      const pdf = await threePagePdf();
      const a = await upload(pdf);
      const b = await upload(pdf);
      expect(a.storageKey).not.toBe(b.storageKey);
      expect(a.wrappedKey.equals(b.wrappedKey)).toBe(false);
      expect(a.storageKey).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('refused files: UploadRefused with the reason, nothing stored, no temp file left', () => {
    // The last column: whether the file got as far as the store (a decoder refuses it while the put is under way).
    const refusals: [string, () => Buffer | Promise<Buffer>, RefusalCode, string | undefined, boolean][] = [
      // No file name reaches the pipeline: a program renamed photo.jpg is judged by its bytes.
      ['a Windows program renamed photo.jpg', windowsProgram, 'executable', 'exe', false],
      ['a Linux program', linuxProgram, 'executable', 'elf', false],
      ['a zip', () => zipOf('evidence.jpg', noise(5000, 'zip')), 'archive', 'zip', false],
      ['a HEIC photo', heicLooking, 'heic', 'heic', false],
      ['a GIF', () => halves(40, 20).gif().toBuffer(), 'unsupportedType', 'gif', false],
      ['random bytes', () => noise(100_000, 'unknown'), 'unknownType', undefined, false],
      ['a truncated JPEG', async () => (await phonePhoto(400, 300)).subarray(0, 3000), 'unreadableImage', undefined, true],
      [
        'a JPEG with corrupt image data',
        async () => {
          const jpeg = Buffer.from(await phonePhoto(400, 300));
          jpeg.fill(0x55, jpeg.length - 1500, jpeg.length - 500);
          return jpeg;
        },
        'unreadableImage',
        undefined,
        true,
      ],
      ['a PNG whose header claims 30000 x 30000 pixels', () => pngClaiming(30_000, 30_000), 'imageTooLarge', undefined, true],
      // Over our 50 megapixels but under sharp's own default limit (268 megapixels).
      ['a PNG whose header claims 8000 x 8000 pixels', () => pngClaiming(8000, 8000), 'imageTooLarge', undefined, true],
      ['a PNG with a broken body', () => pngClaiming(100, 100), 'unreadableImage', undefined, true],
      // file-type calls anything starting %PDF a PDF; a real one goes on with a dash and the version.
      ['something that starts %PDF but is no PDF', () => Buffer.from('%PDFX not a document at all'), 'unreadablePdf', undefined, true],
    ];

    it.each(refusals)('%s', async (_what, make, code, detected, reachedStore) => {
      const bytes = await make();
      const refusal = await upload(bytes).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(UploadRefused);
      expect(refusal).toMatchObject({ code, detected });
      expect(await storedFiles()).toEqual([]);
      // What got as far as the store was deleted again; what was refused by type never reached it.
      expect(calls.put).toHaveLength(reachedStore ? 1 : 0);
      expect(calls.delete).toEqual(calls.put);
    });

    it('an empty upload', async () => {
      await expect(upload(Buffer.alloc(0))).rejects.toMatchObject({ code: 'empty' });
      expect(calls.put).toEqual([]);
    });

    it('10 MiB + 1 byte: stops reading the client right there, destroys the source and keeps nothing', async () => {
      const source = endless(30 * MiB);
      await expect(upload(source.stream)).rejects.toMatchObject({ code: 'tooLarge' });
      expect(source.stream.destroyed).toBe(true);
      // Read up to the limit and at most one more read-ahead buffer, never the whole 30 MiB.
      expect(source.pulled()).toBeGreaterThan(10 * MiB);
      expect(source.pulled()).toBeLessThan(11 * MiB);
      expect(calls.put).toEqual([]);
      expect(await storedFiles()).toEqual([]);
    });

    it('exactly one byte over a smaller limit', async () => {
      const pdf = await threePagePdf();
      await expect(upload(pdf, { maxBytes: pdf.length - 1 })).rejects.toMatchObject({ code: 'tooLarge' });
      await expect(upload(pdf, { maxBytes: pdf.length })).resolves.toMatchObject({ originalBytes: pdf.length });
    });
  });

  describe('failures that are not the file', () => {
    it('a client that goes away mid-upload: its error, nothing kept', async () => {
      const pdf = await threePagePdf();
      const dying = new Readable({
        read() {
          this.push(pdf.subarray(0, 1000));
          this.destroy(new Error('client went away'));
        },
      });
      await expect(upload(dying)).rejects.toThrow('client went away');
      expect(calls.put).toEqual([]);
    });

    it('a store that fails after writing: the put is undone and its error surfaces', async () => {
      const failing: EvidenceStore = {
        ...store,
        put: async (key, body) => {
          await store.put(key, body);
          throw new Error('disk full');
        },
      };
      await expect(upload(await phonePhoto(), { into: failing })).rejects.toThrow('disk full');
      expect(calls.delete).toEqual(calls.put);
      expect(calls.put).toHaveLength(1);
      expect(await storedFiles()).toEqual([]);
    });
  });

  describe('preparing stored files (the background job)', () => {
    it('makes a metadata-free JPEG thumbnail inside 320x320 and stores it beside the file', async () => {
      const result = await upload(await phonePhoto(400, 800)); // shown upright: 800 x 400
      expect(result).toMatchObject({ width: 800, height: 400 });
      const thumb = await thumbnail(await openStored({ store, cipher }, { id: fileId, ...result }));
      const meta = await sharp(thumb).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 160 });
      for (const field of ['exif', 'icc', 'xmp', 'iptc', 'orientation'] as const) expect(meta[field]).toBeUndefined();

      const aad = `evidence:${fileId}:thumb`;
      const stored = await storeBuffer({ store, cipher }, thumb, { aad, storageKey: `${result.storageKey}.thumb` });
      expect(stored.storageKey).toBe(`${result.storageKey}.thumb`);
      expect((await readAll(await store.get(stored.storageKey))).includes(thumb.subarray(0, 64))).toBe(false);
      expect((await readAll(await openEncrypted({ store, cipher }, { ...stored, aad }))).equals(thumb)).toBe(true);
      // A key that is taken is refused and the existing object is left alone.
      await expect(storeBuffer({ store, cipher }, thumb, { aad, storageKey: stored.storageKey })).rejects.toThrow();
      expect((await readAll(await openEncrypted({ store, cipher }, { ...stored, aad }))).equals(thumb)).toBe(true);
    });

    it('never enlarges a small image, and flattens a transparent PNG onto white', async () => {
      const result = await upload(await screenshot());
      const thumb = await thumbnail(await openStored({ store, cipher }, { id: fileId, ...result }));
      expect(await sharp(thumb).metadata()).toMatchObject({ format: 'jpeg', width: 120, height: 80, hasAlpha: false });
    });

    it('refuses to thumbnail what is not an image', async () => {
      await expect(thumbnail(Readable.from([noise(5000, 'not-an-image')]))).rejects.toMatchObject({ code: 'unreadableImage' });
    });

    it('passes on the failure of its input rather than calling it unreadable', async () => {
      const failing = new Readable({
        read() {
          this.destroy(new Error('store went away'));
        },
      });
      await expect(thumbnail(failing)).rejects.toThrow('store went away');
    });

    it('refuses a PDF that does not parse, and one over the byte limit', async () => {
      const pdf = await threePagePdf();
      await expect(pdfPageCount(Readable.from([Buffer.from('%PDF-1.7\nnot really a pdf')]), 1000)).rejects.toMatchObject({ code: 'unreadablePdf' });
      await expect(pdfPageCount(Readable.from([pdf.subarray(0, pdf.length / 2)]), MiB)).rejects.toMatchObject({ code: 'unreadablePdf' });
      await expect(pdfPageCount(Readable.from([pdf]), pdf.length - 1)).rejects.toMatchObject({ code: 'tooLarge' });
      await expect(pdfPageCount(Readable.from([pdf]), pdf.length)).resolves.toBe(3);
    });
  });
});
