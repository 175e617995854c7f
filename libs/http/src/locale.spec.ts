import fc from 'fast-check';
import { negotiateLocale } from './locale';

describe('negotiateLocale', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB,en;q=0.9,ko;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.5', 'en'],
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['ko,en;q=0.5', 'ko'],
    ['ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7', 'ko'],
    ['en;q=0.4,ko;q=0.6', 'ko'],
    ['en;q=0.6, ko;q=0.4', 'en'],
    [' en;q=0.6 , ko;q=0.4 ', 'en'],
  ] as const)('%j -> %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it.each(['fr', 'ja-JP', 'zh-CN,zh;q=0.9', '*', 'eng', 'english', 'ko-en', ''])('falls back to Korean for %j', (header) => {
    expect(negotiateLocale(header)).toBe('ko');
  });

  it('excludes a language marked q=0', () => {
    expect(negotiateLocale('en;q=0')).toBe('ko');
    expect(negotiateLocale('en;q=0.000')).toBe('ko');
    expect(negotiateLocale('fr,en;q=0')).toBe('ko');
  });

  it('ignores a malformed q-value instead of trusting it', () => {
    expect(negotiateLocale('en;q=abc')).toBe('ko');
    expect(negotiateLocale('en;q=-1')).toBe('ko');
    expect(negotiateLocale('en;q=')).toBe('ko');
  });

  // BUG: RFC 9110 allows spaces before ";" ("en ;q=0.8"); the tag keeps its trailing space
  // and no longer equals "en". Fix: `const lang = tag.trim().split('-')[0];`.
  it('accepts optional whitespace before the q parameter', () => {
    expect(negotiateLocale('en ;q=0.8')).toBe('en');
  });

  it.each([undefined, null, 42, ['en'], { en: 1 }])('falls back to Korean for the non-string %j', (header) => {
    expect(negotiateLocale(header)).toBe('ko');
  });

  it('falls back to Korean for a header over 512 characters, whatever it says', () => {
    expect(negotiateLocale('en,' + 'x'.repeat(600))).toBe('ko');
    expect(negotiateLocale('en,' + 'x'.repeat(509))).toBe('en');
  });

  it('never throws and always answers ko or en', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.anything()), (header) => {
      expect(['ko', 'en']).toContain(negotiateLocale(header));
    }));
  });
});
