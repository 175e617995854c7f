import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { FieldCipher, FieldCipherError } from './field-cipher';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const AAD = 'claimant:0190f5a0-0000-7000-8000-00000000000a:email';

const cipherWith = (active: string, keys: Record<string, Buffer> = { old: OLD_KEY, new: NEW_KEY }) =>
  new FieldCipher(new Map(Object.entries(keys)), active);

describe('FieldCipher', () => {
  const cipher = cipherWith('new');

  describe('round trip', () => {
    it('decrypts what it encrypted', () => {
      expect(cipher.decrypt(cipher.encrypt('kim@example.com', AAD), AAD)).toBe('kim@example.com');
    });

    it('round-trips the empty string', () => {
      expect(cipher.decrypt(cipher.encrypt('', AAD), AAD)).toBe('');
    });

    it('round-trips any well-formed string, Korean and emoji included, under any AAD', () => {
      const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('김민지', '👨‍👩‍👧', '서울 강남구 😀'));
      fc.assert(
        fc.property(text, fc.string({ unit: 'binary' }), (plaintext, aad) => {
          expect(cipher.decrypt(cipher.encrypt(plaintext, aad), aad)).toBe(plaintext);
        }),
      );
    });

    it('does not leave the plaintext readable in the envelope', () => {
      const envelope = cipher.encrypt('kim@example.com', AAD);
      expect(envelope.includes(Buffer.from('kim@example.com'))).toBe(false);
    });

    it('uses a fresh IV: the same plaintext twice gives different ciphertexts', () => {
      const a = cipher.encrypt('kim@example.com', AAD);
      const b = cipher.encrypt('kim@example.com', AAD);
      expect(a.equals(b)).toBe(false);
      // The IV sits right after [version][id length][id]; it is what differs.
      const ivStart = 2 + a[1];
      expect(a.subarray(ivStart, ivStart + 12).equals(b.subarray(ivStart, ivStart + 12))).toBe(false);
      expect(cipher.decrypt(a, AAD)).toBe(cipher.decrypt(b, AAD));
    });
  });

  describe('AAD binding', () => {
    it('refuses a value copied onto another row', () => {
      const envelope = cipher.encrypt('kim@example.com', 'claimant:a:email');
      expect(() => cipher.decrypt(envelope, 'claimant:b:email')).toThrow(FieldCipherError);
    });

    it('refuses a value copied into another column', () => {
      const envelope = cipher.encrypt('01012345678', 'claimant:a:phone');
      expect(() => cipher.decrypt(envelope, 'claimant:a:email')).toThrow(FieldCipherError);
    });

    it('refuses decryption under any AAD other than the one it was written with', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), fc.string(), (plaintext, aad, other) => {
          fc.pre(aad !== other);
          expect(() => cipher.decrypt(cipher.encrypt(plaintext, aad), other)).toThrow(FieldCipherError);
        }),
        { numRuns: 50 },
      );
    });
  });

  describe('tamper detection', () => {
    it('rejects an envelope with any single byte changed anywhere', () => {
      const envelope = cipher.encrypt('서울특별시 강남구 테헤란로 152', AAD);
      fc.assert(
        fc.property(fc.nat(envelope.length - 1), fc.integer({ min: 1, max: 255 }), (index, mask) => {
          const tampered = Buffer.from(envelope);
          tampered[index] ^= mask;
          expect(() => cipher.decrypt(tampered, AAD)).toThrow(FieldCipherError);
        }),
      );
    });

    it('rejects every single-bit flip of a short value', () => {
      const envelope = cipher.encrypt('x', AAD);
      for (let index = 0; index < envelope.length; index++) {
        for (let bit = 0; bit < 8; bit++) {
          const tampered = Buffer.from(envelope);
          tampered[index] ^= 1 << bit;
          expect(() => cipher.decrypt(tampered, AAD)).toThrow(FieldCipherError);
        }
      }
    });

    it('rejects a truncated or extended envelope', () => {
      const envelope = cipher.encrypt('kim@example.com', AAD);
      for (let length = 0; length < envelope.length; length++) {
        expect(() => cipher.decrypt(envelope.subarray(0, length), AAD)).toThrow(FieldCipherError);
      }
      expect(() => cipher.decrypt(Buffer.concat([envelope, Buffer.from([0])]), AAD)).toThrow(FieldCipherError);
    });

    it('rejects an unknown envelope version', () => {
      const envelope = cipher.encrypt('kim@example.com', AAD);
      envelope[0] = 2;
      expect(() => cipher.decrypt(envelope, AAD)).toThrow(/unknown envelope version/);
      expect(() => cipher.keyIdOf(envelope)).toThrow(FieldCipherError);
    });
  });

  describe('key rotation', () => {
    it('writes with the active key and records its id', () => {
      expect(cipherWith('old').keyIdOf(cipherWith('old').encrypt('a', AAD))).toBe('old');
      expect(cipherWith('new').keyIdOf(cipherWith('new').encrypt('a', AAD))).toBe('new');
    });

    it('still reads a value written under the old key after the active key changes', () => {
      const writtenBefore = cipherWith('old').encrypt('kim@example.com', AAD);
      const afterRotation = cipherWith('new');
      expect(afterRotation.decrypt(writtenBefore, AAD)).toBe('kim@example.com');
      expect(afterRotation.keyIdOf(writtenBefore)).toBe('old');
      expect(afterRotation.keyIdOf(afterRotation.encrypt('kim@example.com', AAD))).toBe('new');
    });

    it('reports a value whose key has been removed, naming the key', () => {
      const writtenBefore = cipherWith('old').encrypt('kim@example.com', AAD);
      const oldKeyRetired = cipherWith('new', { new: NEW_KEY });
      expect(() => oldKeyRetired.decrypt(writtenBefore, AAD)).toThrow(FieldCipherError);
      expect(() => oldKeyRetired.decrypt(writtenBefore, AAD)).toThrow(/key old/);
    });

    it('fails authentication when a different key is configured under the same id', () => {
      const envelope = cipherWith('old').encrypt('kim@example.com', AAD);
      const impostor = cipherWith('old', { old: NEW_KEY });
      expect(() => impostor.decrypt(envelope, AAD)).toThrow(/failed authentication/);
    });

    it('carries multi-byte key ids', () => {
      const korean = cipherWith('키1', { 키1: OLD_KEY });
      const envelope = korean.encrypt('kim@example.com', AAD);
      expect(korean.keyIdOf(envelope)).toBe('키1');
      expect(korean.decrypt(envelope, AAD)).toBe('kim@example.com');
    });
  });

  describe('constructor', () => {
    it.each([0, 16, 31, 33, 64])('rejects a %i-byte key', (length) => {
      expect(() => new FieldCipher(new Map([['k', Buffer.alloc(length)]]), 'k')).toThrow(FieldCipherError);
      expect(() => new FieldCipher(new Map([['k', Buffer.alloc(length)]]), 'k')).toThrow(`got ${length}`);
    });

    it('rejects a bad key even when it is not the active one', () => {
      const keys = new Map([['good', OLD_KEY], ['bad', Buffer.alloc(16)]]);
      expect(() => new FieldCipher(keys, 'good')).toThrow(/key bad must be 32 bytes/);
    });

    it('rejects an active key id that is not configured', () => {
      expect(() => cipherWith('missing')).toThrow(/active key missing is not configured/);
    });

    it('rejects a key id that does not fit the one-byte length field', () => {
      expect(() => cipherWith('k'.repeat(256), { ['k'.repeat(256)]: OLD_KEY })).toThrow(/key id too long/);
      expect(() => cipherWith('k'.repeat(255), { ['k'.repeat(255)]: OLD_KEY })).not.toThrow();
    });
  });

  describe('fromConfig', () => {
    const b64 = (key: Buffer) => key.toString('base64');

    it('parses id:base64 pairs and writes with the active one', () => {
      const parsed = FieldCipher.fromConfig(`old:${b64(OLD_KEY)},new:${b64(NEW_KEY)}`, 'new');
      expect(parsed.keyIdOf(parsed.encrypt('a', AAD))).toBe('new');
    });

    it('uses the configured key bytes, so values interoperate with a directly built cipher', () => {
      const parsed = FieldCipher.fromConfig(`old:${b64(OLD_KEY)},new:${b64(NEW_KEY)}`, 'old');
      expect(cipher.decrypt(parsed.encrypt('kim@example.com', AAD), AAD)).toBe('kim@example.com');
      expect(parsed.decrypt(cipher.encrypt('kim@example.com', AAD), AAD)).toBe('kim@example.com');
    });

    it('tolerates spaces around ids and keys', () => {
      const parsed = FieldCipher.fromConfig(` old : ${b64(OLD_KEY)} , new:${b64(NEW_KEY)} `, 'old');
      expect(parsed.keyIdOf(parsed.encrypt('a', AAD))).toBe('old');
    });

    it('rejects a key that does not decode to 32 bytes', () => {
      expect(() => FieldCipher.fromConfig(`k:${b64(randomBytes(16))}`, 'k')).toThrow(FieldCipherError);
    });

    it('rejects an active id missing from the spec', () => {
      expect(() => FieldCipher.fromConfig(`old:${b64(OLD_KEY)}`, 'new')).toThrow(FieldCipherError);
    });

    // BUG: a pair without ":" makes fromConfig crash with a TypeError (b64 is undefined).
    // Fix: `if (b64 === undefined) throw new FieldCipherError('PII_KEYS entries must be id:base64key')`.
    it('rejects a pair without a key with FieldCipherError', () => {
      expect(() => FieldCipher.fromConfig('garbage', 'garbage')).toThrow(FieldCipherError);
    });
  });

  describe('a page opened on the opening thread', () => {
    // Each test's cipher starts a thread of its own; closing it lets jest end cleanly.
    const paged = cipherWith('new');
    afterAll(() => paged.close());

    it('gives each value as decrypt does, in order, whichever key wrote it', async () => {
      const older = cipherWith('old');
      const texts = Array.from({ length: 2_500 }, (_, i) => (i % 7 === 0 ? '' : `김민지 ${i} 👨‍👩‍👧 "${'x'.repeat(i % 300)}"`));
      const values = texts.map((text, i) => {
        const aad = `claimant:${i}:party`;
        return { envelope: (i % 2 ? older : paged).encrypt(text, aad), aad };
      });
      const opened = await paged.decryptMany(values);
      expect(opened).toEqual(texts);
      expect(opened).toEqual(values.map((v) => paged.decrypt(v.envelope, v.aad)));
    });

    it('fails the whole page with FieldCipherError when one value is tampered, bound elsewhere or of an unknown key, and opens the next page', async () => {
      const good = () => ({ envelope: paged.encrypt('이서연', 'claimant:a:party'), aad: 'claimant:a:party' });
      const tampered = good();
      tampered.envelope[tampered.envelope.length - 1] ^= 1;
      const moved = { envelope: paged.encrypt('이서연', 'claimant:a:party'), aad: 'claimant:b:party' };
      const unknown = { envelope: cipherWith('other', { other: randomBytes(32) }).encrypt('x', 'claimant:a:party'), aad: 'claimant:a:party' };
      const short = { envelope: Buffer.from([1, 3, 0x6e, 0x65, 0x77]), aad: 'claimant:a:party' };
      await expect(paged.decryptMany([good(), tampered, good()])).rejects.toThrow(new FieldCipherError('value failed authentication (wrong key, wrong row, or tampered)'));
      await expect(paged.decryptMany([moved])).rejects.toThrow(FieldCipherError);
      await expect(paged.decryptMany([good(), unknown])).rejects.toThrow('value was written with key other, which is not configured');
      await expect(paged.decryptMany([short])).rejects.toThrow('envelope too short');
      expect(await paged.decryptMany([good(), good()])).toEqual(['이서연', '이서연']);
    });

    it('answers pages sent together each with its own values, and an empty page at once', async () => {
      const page = (n: number) => Array.from({ length: 50 }, (_, i) => ({ envelope: paged.encrypt(`${n}-${i}`, `claimant:${i}:party`), aad: `claimant:${i}:party` }));
      const answers = await Promise.all([1, 2, 3].map((n) => paged.decryptMany(page(n))));
      expect(answers.map((a) => a[49])).toEqual(['1-49', '2-49', '3-49']);
      expect(await paged.decryptMany([])).toEqual([]);
    });

    it('starts a new thread for the next page after it is closed', async () => {
      await paged.close();
      expect(await paged.decryptMany([{ envelope: paged.encrypt('다시', AAD), aad: AAD }])).toEqual(['다시']);
    });
  });
});
