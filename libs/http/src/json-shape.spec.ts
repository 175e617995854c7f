import fc from 'fast-check';
import { inspectJson } from './json-shape';

const LIMITS = { maxDepth: 8, maxKeys: 50 };

describe('inspectJson', () => {
  it('accepts ordinary bodies', () => {
    expect(inspectJson('{"claimant":{"name":"김민지","address":{"line1":"a,b{c}[d]\\"e"}},"list":[1,{"a":1},{"a":2}]}', LIMITS)).toBeNull();
    expect(inspectJson('[]', LIMITS)).toBeNull();
    expect(inspectJson('"just a string"', LIMITS)).toBeNull();
  });

  it('refuses a key repeated in one object, however it is spelt', () => {
    expect(inspectJson('{"a":1,"a":2}', LIMITS)).toBe('duplicateKey');
    expect(inspectJson('{"a":1,"\\u0061":2}', LIMITS)).toBe('duplicateKey');
    expect(inspectJson('{"x":{"email":"a@b.c","email":"d@e.f"}}', LIMITS)).toBe('duplicateKey');
  });

  it('allows the same key in different objects, and key-like text inside values', () => {
    expect(inspectJson('{"a":{"a":1},"b":{"a":2},"c":[{"a":1},{"a":1}]}', LIMITS)).toBeNull();
    expect(inspectJson('{"a":"\\"a\\":","b":"a"}', LIMITS)).toBeNull();
  });

  it('refuses nesting past the limit, before anything walks it', () => {
    expect(inspectJson('['.repeat(8) + ']'.repeat(8), LIMITS)).toBeNull();
    expect(inspectJson('['.repeat(9) + ']'.repeat(9), LIMITS)).toBe('depth');
    // The body that overflowed class-transformer: 1,500 nested arrays in 3 KB.
    expect(inspectJson(`{"claimant":${'['.repeat(1500)}${']'.repeat(1500)}}`, LIMITS)).toBe('depth');
  });

  it('refuses more keys than the limit', () => {
    const many = `{${Array.from({ length: 51 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(inspectJson(many, LIMITS)).toBe('keys');
  });

  it('leaves text that is not JSON to the parser', () => {
    expect(inspectJson('{"a":"unterminated', LIMITS)).toBeNull();
    expect(inspectJson('{"a\\x":1}', LIMITS)).toBeNull();
  });

  it('agrees with JSON.parse on every value it accepts: no duplicate it missed, no key it lost', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        const problem = inspectJson(text, { maxDepth: 100, maxKeys: 10_000 });
        // fc.json never repeats a key, so nothing valid may be refused.
        expect(problem).toBeNull();
      }),
    );
  });

  it('finds a duplicate wherever one is planted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }), (object) => {
        const [key] = Object.keys(object);
        // A replacer function, so a key such as "$&" is not read as a replacement pattern.
        const text = JSON.stringify(object).replace(/}$/, () => `,${JSON.stringify(key)}:0}`);
        expect(inspectJson(text, { maxDepth: 100, maxKeys: 10_000 })).toBe('duplicateKey');
      }),
    );
  });
});
