import fc from 'fast-check';
import { generateClaimNumber, isValidClaimNumber } from './claim-number';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FORMAT = /^CPN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$/;

/** A claim number drawn from a fixed sequence of 8 base32 digits instead of the CSPRNG. */
const fromDigits = (digits: number[]) => {
  let i = 0;
  return generateClaimNumber('CPN', () => digits[i++]);
};
const digits = fc.array(fc.nat(31), { minLength: 8, maxLength: 8 });
/** Indexes of the 8 body characters in "CPN-XXXX-XXXX-C". */
const BODY_POSITIONS = [4, 5, 6, 7, 9, 10, 11, 12];

describe('generateClaimNumber', () => {
  it('has the PREFIX-XXXX-XXXX-C form with Crockford base32 digits', () => {
    for (let i = 0; i < 200; i++) expect(generateClaimNumber('CPN')).toMatch(FORMAT);
  });

  it('always produces a number that validates', () => {
    fc.assert(fc.property(digits, (d) => {
      const number = fromDigits(d);
      expect(number).toMatch(FORMAT);
      expect(isValidClaimNumber(number)).toBe(true);
    }));
  });

  it('asks the random source for 8 digits below 32', () => {
    const asked: number[] = [];
    generateClaimNumber('CPN', (max) => (asked.push(max), 0));
    expect(asked).toEqual([32, 32, 32, 32, 32, 32, 32, 32]);
  });

  it('computes the Crockford mod-37 check symbol', () => {
    expect(fromDigits([0, 0, 0, 0, 0, 0, 0, 0])).toBe('CPN-0000-0000-0');
    expect(fromDigits([0, 0, 0, 0, 0, 0, 0, 1])).toBe('CPN-0000-0001-1');
    // 36 mod 37 = 36, the last check symbol.
    expect(fromDigits([0, 0, 0, 0, 0, 0, 1, 4])).toBe('CPN-0000-0014-U');
    // 37 mod 37 = 0.
    expect(fromDigits([0, 0, 0, 0, 0, 0, 1, 5])).toBe('CPN-0000-0015-0');
  });

  it('uses the given prefix', () => {
    expect(generateClaimNumber('AB', () => 0)).toBe('AB-0000-0000-0');
  });
});

describe('isValidClaimNumber', () => {
  it('catches every single-character substitution in the body or the check symbol', () => {
    const checkAlphabet = ALPHABET + '*~$=U';
    fc.assert(fc.property(digits, (d) => {
      const number = fromDigits(d);
      const accepted: string[] = [];
      for (const position of [...BODY_POSITIONS, 14]) {
        for (const replacement of position === 14 ? checkAlphabet : ALPHABET + 'ILOU') {
          if (replacement === number[position]) continue;
          const typo = number.slice(0, position) + replacement + number.slice(position + 1);
          if (isValidClaimNumber(typo)) accepted.push(typo);
        }
      }
      expect(accepted).toEqual([]);
    }), { numRuns: 200 });
  });

  it('catches every swap of two different neighbouring characters after the prefix', () => {
    fc.assert(fc.property(digits, (d) => {
      const number = fromDigits(d);
      const accepted: string[] = [];
      for (let i = 3; i < number.length - 1; i++) {
        if (number[i] === number[i + 1]) continue;
        const swapped = number.slice(0, i) + number[i + 1] + number[i] + number.slice(i + 2);
        if (isValidClaimNumber(swapped)) accepted.push(swapped);
      }
      expect(accepted).toEqual([]);
    }), { numRuns: 500 });
  });

  it('catches a swap of the body digits either side of the middle dash', () => {
    // Read aloud, "…-ABCD-EFGH-…" is one run of digits: D and E are neighbours in the checked value.
    fc.assert(fc.property(digits, (d) => {
      const number = fromDigits(d);
      fc.pre(number[7] !== number[9]);
      const swapped = number.slice(0, 7) + number[9] + '-' + number[7] + number.slice(10);
      expect(isValidClaimNumber(swapped)).toBe(false);
    }));
  });

  it('accepts lowercase input', () => {
    fc.assert(fc.property(digits, (d) => {
      expect(isValidClaimNumber(fromDigits(d).toLowerCase())).toBe(true);
    }));
    expect(isValidClaimNumber('cpn-0000-0014-u')).toBe(true);
  });

  it.each([
    '',
    'CPN',
    'CPN-0000-0000',
    'CPN-0000-0000-',
    'CPN-0000-0000-00',
    'CPN00000000-0',
    'CPN-000-00000-0',
    'C-0000-0000-0',
    'CPNXYZ-0000-0000-0',
    '123-0000-0000-0',
    ' CPN-0000-0000-0',
    'CPN-0000-0000-0 ',
    'CPN-0000-0000-0\n',
    'CPN–0000–0000–0',
    'CPN-I000-0000-1',
    'CPN-O000-0000-0',
    'CPN-0000-0000-#',
    'CPN-０000-0000-0',
    '<script>alert(1)</script>',
  ])('rejects %j', (garbage) => {
    expect(isValidClaimNumber(garbage)).toBe(false);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(typeof isValidClaimNumber(s)).toBe('boolean');
    }));
  });
});
