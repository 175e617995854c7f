import fc from 'fast-check';
import { dammDigit, generateClaimNumber, parseClaimNumber } from './claim-number';

const FORMAT = /^CP-\d{4}-\d{4}-\d$/;

/** A claim number drawn from a fixed sequence of 8 digits instead of the CSPRNG. */
const fromDigits = (digits: number[]) => {
  let i = 0;
  return generateClaimNumber('CP', () => digits[i++]);
};
const digits = fc.array(fc.nat(9), { minLength: 8, maxLength: 8 });
/** Indexes of the 9 digits (8 random and the check) in "CP-XXXX-XXXX-C". */
const DIGIT_POSITIONS = [3, 4, 5, 6, 8, 9, 10, 11, 13];

const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('generateClaimNumber', () => {
  it('is the case prefix and digits only, in groups of four, four and one', () => {
    for (let i = 0; i < 200; i++) expect(generateClaimNumber('CP')).toMatch(FORMAT);
  });

  it('always produces a number that parses back to itself', () => {
    fc.assert(
      fc.property(digits, (d) => {
        const number = fromDigits(d);
        expect(number).toMatch(FORMAT);
        expect(parseClaimNumber(number)).toEqual({ ok: true, claimNumber: number });
      }),
    );
  });

  it('asks the random source for 8 digits below 10', () => {
    const asked: number[] = [];
    generateClaimNumber('CP', (max) => (asked.push(max), 0));
    expect(asked).toEqual([10, 10, 10, 10, 10, 10, 10, 10]);
  });

  it('appends the Damm check digit', () => {
    // Worked example of the Damm algorithm: 572 -> check digit 4.
    expect(dammDigit('572')).toBe(4);
    expect(dammDigit('5724')).toBe(0);
    expect(fromDigits([0, 0, 0, 0, 0, 0, 0, 0])).toBe('CP-0000-0000-0');
    expect(fromDigits([4, 8, 2, 1, 0, 9, 3, 7])).toBe(`CP-4821-0937-${dammDigit('48210937')}`);
  });

  it('uses the given prefix', () => {
    expect(generateClaimNumber('TEL', () => 0)).toBe('TEL-0000-0000-0');
  });
});

describe('parseClaimNumber', () => {
  it('catches every single mistyped digit, in the body or the check digit', () => {
    fc.assert(
      fc.property(digits, fc.constantFrom(...DIGIT_POSITIONS), fc.nat(9), (d, position, replacement) => {
        const number = fromDigits(d);
        fc.pre(number[position] !== String(replacement));
        expect(parseClaimNumber(replaceAt(number, position, String(replacement)))).toEqual({ ok: false, reason: 'checksum' });
      }),
      { numRuns: 2_000 },
    );
  });

  it('catches every swap of two different neighbouring digits', () => {
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: DIGIT_POSITIONS.length - 2 }), (d, k) => {
        const number = fromDigits(d);
        const [a, b] = [DIGIT_POSITIONS[k], DIGIT_POSITIONS[k + 1]];
        fc.pre(number[a] !== number[b]);
        const swapped = replaceAt(replaceAt(number, a, number[b]), b, number[a]);
        expect(parseClaimNumber(swapped)).toEqual({ ok: false, reason: 'checksum' });
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['spaces', 'CP 4821 0937 X'],
    ['no separators', 'CP48210937X'],
    ['lower case', 'cp-4821-0937-X'],
    ['dots and stray spaces', ' cp.4821.0937.X '],
    ['full-width characters from a Korean keyboard', 'ＣＰ－４８２１－０９３７－X'],
    ['other dashes', 'CP–4821—0937‐X'],
  ])('reads a number typed with %s', (_how, typed) => {
    const check = String(dammDigit('48210937'));
    const fullWidthCheck = String.fromCharCode(0xff10 + Number(check));
    const input = typed.includes('－') ? typed.replace('X', fullWidthCheck) : typed.replace('X', check);
    expect(parseClaimNumber(input)).toEqual({ ok: true, claimNumber: `CP-4821-0937-${check}` });
  });

  it.each(['', 'CP', 'CP-4821-0937', 'CP-4821-0937-55', 'C-4821-0937-5', '4821-0937-5', 'CPXXXX-4821-0937-5', 'CP-48A1-0937-5', '🙂'])(
    'refuses %j as not a claim number at all',
    (input) => {
      expect(parseClaimNumber(input)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const result = parseClaimNumber(s);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
