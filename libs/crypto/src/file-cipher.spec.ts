import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { FileCipher, FileCipherError, decryptingStream, encryptingStream } from './file-cipher';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const AAD = 'evidence:0190f5a0-0000-7000-8000-00000000000a';

const cipherWith = (active: string, keys: Record<string, Buffer> = { old: OLD_KEY, new: NEW_KEY }) =>
  new FileCipher(new Map(Object.entries(keys)), active);

/** Feeds `bytes` through `transform` in chunks of the given sizes (cycled) and collects the output. */
async function through(transform: NodeJS.ReadWriteStream, bytes: Buffer, chunkSizes: number[] = [65_536]): Promise<Buffer> {
  function* chunks() {
    for (let offset = 0, i = 0; offset < bytes.length; i++) {
      const size = Math.max(1, chunkSizes[i % chunkSizes.length]);
      yield bytes.subarray(offset, offset + size);
      offset += size;
    }
  }
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks(), { objectMode: false }), transform, async (source: AsyncIterable<Buffer | string>) => {
    for await (const chunk of source) out.push(chunk as Buffer);
  });
  return Buffer.concat(out);
}

const encrypt = (key: Buffer, plaintext: Buffer, aad = AAD, chunks?: number[]) => through(encryptingStream(key, aad), plaintext, chunks);
const decrypt = (key: Buffer, ciphertext: Buffer, aad = AAD, chunks?: number[]) => through(decryptingStream(key, aad), ciphertext, chunks);

describe('FileCipher (data keys)', () => {
  const cipher = cipherWith('new');

  it('makes a fresh 32-byte data key each time', () => {
    const a = cipher.newDataKey();
    const b = cipher.newDataKey();
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
  });

  it('unwraps what it wrapped, and the wrapped form does not contain the key', () => {
    const dataKey = cipher.newDataKey();
    const wrapped = cipher.wrapKey(dataKey, AAD);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(cipher.unwrapKey(wrapped, AAD).equals(dataKey)).toBe(true);
  });

  it('round-trips any data key under any AAD', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.string({ unit: 'binary' }), (key, aad) => {
        expect(cipher.unwrapKey(cipher.wrapKey(Buffer.from(key), aad), aad).equals(Buffer.from(key))).toBe(true);
      }),
    );
  });

  it('refuses to wrap something that is not a 32-byte key', () => {
    expect(() => cipher.wrapKey(Buffer.alloc(16), AAD)).toThrow(FileCipherError);
  });

  it('refuses a wrapped key copied onto another file', () => {
    const wrapped = cipher.wrapKey(cipher.newDataKey(), 'evidence:a');
    expect(() => cipher.unwrapKey(wrapped, 'evidence:b')).toThrow(FileCipherError);
  });

  it('rejects a wrapped key with any single byte changed anywhere', () => {
    const wrapped = cipher.wrapKey(cipher.newDataKey(), AAD);
    for (let index = 0; index < wrapped.length; index++) {
      for (let bit = 0; bit < 8; bit++) {
        const tampered = Buffer.from(wrapped);
        tampered[index] ^= 1 << bit;
        expect(() => cipher.unwrapKey(tampered, AAD)).toThrow(FileCipherError);
      }
    }
  });

  it('rejects a truncated or extended wrapped key', () => {
    const wrapped = cipher.wrapKey(cipher.newDataKey(), AAD);
    for (let length = 0; length < wrapped.length; length++) {
      expect(() => cipher.unwrapKey(wrapped.subarray(0, length), AAD)).toThrow(FileCipherError);
    }
    expect(() => cipher.unwrapKey(Buffer.concat([wrapped, Buffer.from([0])]), AAD)).toThrow(FileCipherError);
  });

  describe('key rotation', () => {
    it('wraps with the active key and records its id', () => {
      expect(cipherWith('old').keyIdOf(cipherWith('old').wrapKey(randomBytes(32), AAD))).toBe('old');
      expect(cipherWith('new').keyIdOf(cipherWith('new').wrapKey(randomBytes(32), AAD))).toBe('new');
    });

    it('still unwraps a key wrapped under the old master key after the active key changes', () => {
      const dataKey = randomBytes(32);
      const wrappedBefore = cipherWith('old').wrapKey(dataKey, AAD);
      const afterRotation = cipherWith('new');
      expect(afterRotation.unwrapKey(wrappedBefore, AAD).equals(dataKey)).toBe(true);
      expect(afterRotation.keyIdOf(wrappedBefore)).toBe('old');
      // Re-wrapping (the rotation job) moves the same data key under the new master key.
      const rewrapped = afterRotation.wrapKey(afterRotation.unwrapKey(wrappedBefore, AAD), AAD);
      expect(afterRotation.keyIdOf(rewrapped)).toBe('new');
      expect(cipherWith('new', { new: NEW_KEY }).unwrapKey(rewrapped, AAD).equals(dataKey)).toBe(true);
    });

    it('reports a key wrapped under a master key that is no longer configured, naming it', () => {
      const wrappedBefore = cipherWith('old').wrapKey(randomBytes(32), AAD);
      const oldKeyRetired = cipherWith('new', { new: NEW_KEY });
      expect(() => oldKeyRetired.unwrapKey(wrappedBefore, AAD)).toThrow(FileCipherError);
      expect(() => oldKeyRetired.unwrapKey(wrappedBefore, AAD)).toThrow(/key old/);
    });

    it('fails authentication when a different master key is configured under the same id', () => {
      const wrapped = cipherWith('old').wrapKey(randomBytes(32), AAD);
      const impostor = cipherWith('old', { old: NEW_KEY });
      expect(() => impostor.unwrapKey(wrapped, AAD)).toThrow(/failed authentication/);
    });

    it('carries multi-byte key ids', () => {
      const korean = cipherWith('키1', { 키1: OLD_KEY });
      const dataKey = randomBytes(32);
      const wrapped = korean.wrapKey(dataKey, AAD);
      expect(korean.keyIdOf(wrapped)).toBe('키1');
      expect(korean.unwrapKey(wrapped, AAD).equals(dataKey)).toBe(true);
    });
  });

  describe('constructor and fromConfig', () => {
    it.each([0, 16, 31, 33, 64])('rejects a %i-byte master key', (length) => {
      expect(() => new FileCipher(new Map([['k', Buffer.alloc(length)]]), 'k')).toThrow(`got ${length}`);
    });

    it('rejects a bad key even when it is not the active one, and an unconfigured active id', () => {
      expect(() => new FileCipher(new Map([['good', OLD_KEY], ['bad', Buffer.alloc(16)]]), 'good')).toThrow(/key bad must be 32 bytes/);
      expect(() => cipherWith('missing')).toThrow(/active key missing is not configured/);
    });

    it('rejects a key id that does not fit the one-byte length field', () => {
      expect(() => cipherWith('k'.repeat(256), { ['k'.repeat(256)]: OLD_KEY })).toThrow(/key id too long/);
      expect(() => cipherWith('k'.repeat(255), { ['k'.repeat(255)]: OLD_KEY })).not.toThrow();
    });

    it('parses id:base64 pairs (spaces tolerated) into a cipher that interoperates with a directly built one', () => {
      const parsed = FileCipher.fromConfig(` old : ${OLD_KEY.toString('base64')} , new:${NEW_KEY.toString('base64')} `, 'old');
      const dataKey = randomBytes(32);
      expect(parsed.keyIdOf(parsed.wrapKey(dataKey, AAD))).toBe('old');
      expect(cipher.unwrapKey(parsed.wrapKey(dataKey, AAD), AAD).equals(dataKey)).toBe(true);
      expect(parsed.unwrapKey(cipher.wrapKey(dataKey, AAD), AAD).equals(dataKey)).toBe(true);
    });

    it.each(['garbage', '', ':abc', `k:${randomBytes(16).toString('base64')}`])('rejects the spec %p with FileCipherError', (spec) => {
      expect(() => FileCipher.fromConfig(spec, 'k')).toThrow(FileCipherError);
    });
  });
});

describe('encryptingStream / decryptingStream', () => {
  const key = randomBytes(32);

  it('round-trips zero bytes: version, IV and tag only', async () => {
    const ciphertext = await encrypt(key, Buffer.alloc(0));
    expect(ciphertext).toHaveLength(1 + 12 + 16);
    expect(ciphertext[0]).toBe(1);
    expect(await decrypt(key, ciphertext)).toEqual(Buffer.alloc(0));
  });

  it('round-trips any bytes fed in any chunking, and the ciphertext is exactly 29 bytes longer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 5000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
        async (bytes, writeChunks, readChunks) => {
          const plaintext = Buffer.from(bytes);
          const ciphertext = await encrypt(key, plaintext, AAD, writeChunks);
          expect(ciphertext).toHaveLength(plaintext.length + 29);
          expect((await decrypt(key, ciphertext, AAD, readChunks)).equals(plaintext)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('round-trips multi-megabyte files in odd-sized chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_000_000, max: 6_000_000 }),
        fc.array(fc.integer({ min: 1, max: 200_003 }), { minLength: 1, maxLength: 5 }),
        async (size, chunks) => {
          const plaintext = randomBytes(size);
          const ciphertext = await encrypt(key, plaintext, AAD, chunks);
          expect(ciphertext.includes(plaintext.subarray(0, 64))).toBe(false);
          expect((await decrypt(key, ciphertext, AAD, chunks.map((n) => n + 13))).equals(plaintext)).toBe(true);
        },
      ),
      { numRuns: 4 },
    );
  });

  it('streams: decrypts as ciphertext arrives, holding back only the last 16 bytes', async () => {
    const plaintext = randomBytes(10_000);
    const ciphertext = await encrypt(key, plaintext);
    const decipher = decryptingStream(key, AAD);
    const out: Buffer[] = [];
    decipher.on('data', (chunk: Buffer) => out.push(chunk));
    await new Promise<void>((resolve) => decipher.write(ciphertext.subarray(0, 1000), () => resolve()));
    await new Promise(setImmediate);
    // 1000 bytes in: 13 of header, 16 held back as a possible tag, the rest already plaintext.
    expect(Buffer.concat(out).equals(plaintext.subarray(0, 1000 - 13 - 16))).toBe(true);
    decipher.destroy();
  });

  it('uses a fresh IV: the same file twice gives different ciphertexts', async () => {
    const plaintext = Buffer.from('screenshot of the breach notice');
    const [a, b] = await Promise.all([encrypt(key, plaintext), encrypt(key, plaintext)]);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('fails on a flipped bit anywhere, in the header, the body or the tag', async () => {
    const ciphertext = await encrypt(key, randomBytes(3000));
    await fc.assert(
      fc.asyncProperty(fc.nat(ciphertext.length - 1), fc.nat(7), async (index, bit) => {
        const tampered = Buffer.from(ciphertext);
        tampered[index] ^= 1 << bit;
        await expect(decrypt(key, tampered)).rejects.toThrow(FileCipherError);
      }),
      { numRuns: 300 },
    );
  });

  it('fails on every single-bit flip of a short file', async () => {
    const ciphertext = await encrypt(key, Buffer.from('x'));
    for (let index = 0; index < ciphertext.length; index++) {
      for (let bit = 0; bit < 8; bit++) {
        const tampered = Buffer.from(ciphertext);
        tampered[index] ^= 1 << bit;
        await expect(decrypt(key, tampered)).rejects.toThrow(FileCipherError);
      }
    }
  });

  it('fails on a truncated stream of any length, or one with bytes appended', async () => {
    const ciphertext = await encrypt(key, randomBytes(100));
    for (let length = 0; length < ciphertext.length; length++) {
      await expect(decrypt(key, ciphertext.subarray(0, length))).rejects.toThrow(FileCipherError);
    }
    await expect(decrypt(key, Buffer.concat([ciphertext, Buffer.from([0])]))).rejects.toThrow(FileCipherError);
  });

  it('fails under another AAD (a file swapped with another file) or another data key', async () => {
    const ciphertext = await encrypt(key, randomBytes(1000), 'evidence:a');
    await expect(decrypt(key, ciphertext, 'evidence:b')).rejects.toThrow(FileCipherError);
    await expect(decrypt(randomBytes(32), ciphertext, 'evidence:a')).rejects.toThrow(FileCipherError);
  });

  it('refuses a data key that is not 32 bytes', () => {
    expect(() => encryptingStream(Buffer.alloc(31), AAD)).toThrow(FileCipherError);
    expect(() => decryptingStream(Buffer.alloc(33), AAD)).toThrow(FileCipherError);
  });

  it('works end to end with a wrapped data key: wrap, encrypt, unwrap after rotation, decrypt', async () => {
    const plaintext = randomBytes(10_000);
    const writer = cipherWith('old');
    const dataKey = writer.newDataKey();
    const wrapped = writer.wrapKey(dataKey, AAD);
    const stored = await encrypt(dataKey, plaintext);
    const reader = cipherWith('new');
    expect((await decrypt(reader.unwrapKey(wrapped, AAD), stored)).equals(plaintext)).toBe(true);
  });
});
