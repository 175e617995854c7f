import fc from 'fast-check';
import { BlindIndex, normaliseKoreanMobile } from './blind-index';

const KEY = 'test-blind-index-key-0123456789abcdef';

describe('BlindIndex', () => {
  const index = new BlindIndex(KEY);

  it('is deterministic: the same input always gives the same 32-byte hash', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const hash = index.hash('email', value);
        expect(hash).toHaveLength(32);
        expect(hash.equals(new BlindIndex(KEY).hash('email', value))).toBe(true);
      }),
    );
  });

  it('separates purposes: an email hash never equals a phone hash of the same string', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(index.hash('email', value).equals(index.hash('phone', value))).toBe(false);
      }),
    );
  });

  it('gives four different hashes for the four purposes', () => {
    const hashes = (['email', 'phone', 'ip', 'name-birth'] as const).map((p) => index.hash(p, '01012345678').toString('hex'));
    expect(new Set(hashes).size).toBe(4);
  });

  it('depends on the key: someone with only the database cannot recompute it', () => {
    const other = new BlindIndex('another-blind-index-key-0123456789ab');
    expect(index.hash('email', 'kim@example.com').equals(other.hash('email', 'kim@example.com'))).toBe(false);
  });

  it('accepts the key as a Buffer with the same result as the string', () => {
    expect(new BlindIndex(Buffer.from(KEY)).hash('phone', '01012345678').equals(index.hash('phone', '01012345678'))).toBe(true);
  });

  it('distinguishes different values', () => {
    expect(index.hash('email', 'kim@example.com').equals(index.hash('email', 'lee@example.com'))).toBe(false);
  });
});

describe('normaliseKoreanMobile', () => {
  it.each([
    '+82 10-1234-5678',
    '+82-10-1234-5678',
    '+821012345678',
    '010 1234 5678',
    '010-1234-5678',
    '01012345678',
    '82-10-1234-5678',
    '821012345678',
    ' (010) 1234.5678 ',
  ])('%s -> 01012345678', (input) => {
    expect(normaliseKoreanMobile(input)).toBe('01012345678');
  });

  it('keeps the 10-digit form of older 3-digit-exchange numbers', () => {
    expect(normaliseKoreanMobile('011-123-4567')).toBe('0111234567');
    expect(normaliseKoreanMobile('+82 11-123-4567')).toBe('0111234567');
  });

  it('gives one hash input for every way of writing the same number', () => {
    const forms = ['+82 10-1234-5678', '010 1234 5678', '01012345678', '82-10-1234-5678'];
    expect(new Set(forms.map(normaliseKoreanMobile)).size).toBe(1);
  });

  it('always returns digits only', () => {
    fc.assert(fc.property(fc.string(), (phone) => {
      expect(normaliseKoreanMobile(phone)).toMatch(/^\d*$/);
    }));
  });
});
