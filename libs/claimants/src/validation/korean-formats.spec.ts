import fc from 'fast-check';
import {
  isCalendarDate,
  isDateBetween,
  isKoreanMobile,
  isKoreanPostalCode,
  isPersonName,
  isPlainText,
  normaliseTypedDate,
} from './korean-formats';
import { normaliseName } from '@app/evidence';

describe('isKoreanMobile', () => {
  it.each([
    '010-1234-5678',
    '01012345678',
    '010 1234 5678',
    '010-1234 5678',
    ' 010-1234-5678 ',
    '+82 10-1234-5678',
    '+82-10-1234-5678',
    '+821012345678',
    '011-123-4567',
    '016-1234-5678',
    '017-123-4567',
    '018-1234-5678',
    '019-123-4567',
  ])('accepts %j', (phone) => {
    expect(isKoreanMobile(phone)).toBe(true);
  });

  it.each([
    ['a Seoul landline', '02-123-4567'],
    ['a Seoul landline, 8 digits', '02-1234-5678'],
    ['a Gyeonggi landline', '031-123-4567'],
    ['an internet phone', '070-1234-5678'],
    ['a 012 prefix', '012-1234-5678'],
    ['too short', '010-123-456'],
    ['too short, no dashes', '010123456'],
    ['too long', '010-12345-6789'],
    ['letters', '010-abcd-5678'],
    ['full-width digits', '０１０-1234-5678'],
    ['double dash', '010--1234-5678'],
    ['dots', '010.1234.5678'],
    ['+82 with the trunk 0 kept', '+82 010-1234-5678'],
    ['82 without +', '82-10-1234-5678'],
    ['a US number', '+1 415-555-0100'],
    ['empty', ''],
    ['over 20 characters', '010-1234-5678' + ' '.repeat(10)],
    ['a trailing newline inside', '010-1234-5678\nx'],
  ])('rejects %s (%j)', (_, phone) => {
    expect(isKoreanMobile(phone)).toBe(false);
  });

  it.each([[1012345678], [null], [undefined], [{}], [['010-1234-5678']]])('rejects the non-string %j', (value) => {
    expect(isKoreanMobile(value)).toBe(false);
  });
});

describe('isKoreanPostalCode', () => {
  it.each(['06236', '00000', '63534'])('accepts %j', (code) => {
    expect(isKoreanPostalCode(code)).toBe(true);
  });

  it.each(['0623', '062366', '06-236', ' 06236', '06236 ', '135-080', 'ABCDE', '０６２３６', ''])('rejects %j', (code) => {
    expect(isKoreanPostalCode(code)).toBe(false);
  });

  it('rejects a number: the leading zero would be lost', () => {
    expect(isKoreanPostalCode(6236)).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '1900-01-01', '2025-01-01'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    ['30 February', '2025-02-30'],
    ['29 February in a common year', '2023-02-29'],
    ['29 February 1900 (not a leap year)', '1900-02-29'],
    ['31 April', '2025-04-31'],
    ['month 13', '2025-13-01'],
    ['month 0', '2025-00-10'],
    ['day 0', '2025-01-00'],
    ['single-digit month', '2025-1-01'],
    ['a time attached', '2025-01-01T00:00:00Z'],
    ['slashes', '2025/01/01'],
    ['day first', '01-01-2025'],
    ['empty', ''],
  ])('rejects %s (%s)', (_, date) => {
    expect(isCalendarDate(date)).toBe(false);
  });

  it('rejects non-strings, Date objects included', () => {
    expect(isCalendarDate(new Date('2025-01-01'))).toBe(false);
    expect(isCalendarDate(20250101)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });

  it('accepts exactly the dates that exist', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (date) => {
      expect(isCalendarDate(date.toISOString().slice(0, 10))).toBe(true);
    }));
  });
});

describe('isDateBetween', () => {
  it('includes both bounds', () => {
    expect(isDateBetween('2025-06-24', '2025-06-24', '2026-01-01')).toBe(true);
    expect(isDateBetween('2026-01-01', '2025-06-24', '2026-01-01')).toBe(true);
    expect(isDateBetween('2025-09-15', '2025-06-24', '2026-01-01')).toBe(true);
  });

  it('excludes dates outside the bounds', () => {
    expect(isDateBetween('2025-06-23', '2025-06-24', '2026-01-01')).toBe(false);
    expect(isDateBetween('2026-01-02', '2025-06-24', '2026-01-01')).toBe(false);
  });

  it('rejects an impossible date even when it sorts inside the bounds', () => {
    expect(isDateBetween('2025-02-30', '2025-01-01', '2025-12-31')).toBe(false);
  });

  it('rejects a non-date string that sorts inside the bounds', () => {
    expect(isDateBetween('2025-06-3', '2025-01-01', '2025-12-31')).toBe(false);
    expect(isDateBetween('2025-06-30T00:00', '2025-01-01', '2025-12-31')).toBe(false);
  });
});

describe('isPlainText', () => {
  it.each([
    '서울특별시 강남구 테헤란로 152',
    '101동 1001호',
    'Apt. 3B, 12 Main St.',
    "O'Brien & Sons (주)",
    '김민지 😀',
    '',
  ])('accepts %j', (text) => {
    expect(isPlainText(text)).toBe(true);
  });

  it.each([
    ['NUL', 'abc\u0000def'],
    ['a newline', 'line1\nline2'],
    ['a tab', 'a\tb'],
    ['DEL', 'a\u007fb'],
    ['a right-to-left override', 'invoice\u202Efdp.exe'],
    ['a left-to-right mark', 'a\u200Eb'],
    ['a zero-width joiner', '김\u200D민지'],
    ['a zero-width space', 'kim\u200Bminji'],
    ['a byte-order mark', '\uFEFFkim'],
    ['a lone high surrogate', 'kim\ud800'],
    ['a lone low surrogate', '\udc00kim'],
    ['a private-use character', 'kim\uE000'],
    ['a line separator', 'a\u2028b'],
    ['a paragraph separator', 'a\u2029b'],
  ])('rejects %s', (_, text) => {
    expect(isPlainText(text)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isPlainText(123)).toBe(false);
    expect(isPlainText(null)).toBe(false);
    expect(isPlainText(['a'])).toBe(false);
  });

  it('accepts any mix of Hangul syllables, Latin letters, digits and spaces', () => {
    const char = fc.oneof(
      fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(...'abcXYZ0189 -,.'),
    );
    fc.assert(fc.property(fc.array(char).map((a) => a.join('')), (text) => {
      expect(isPlainText(text)).toBe(true);
    }));
  });
});

describe('isPersonName', () => {
  it.each(['김민지', '남궁 민수', 'Kim Min-ji', "O'Brien", 'J. R. R. Tolkien', 'José Álvarez', 'Zoë', '김민지'.normalize('NFD'), '山田太郎', '모하메드·알리', '모하메드・알리', 'MOHAMED ALI'])(
    'accepts %j',
    (name) => {
      expect(isPersonName(name)).toBe(true);
    },
  );

  it.each([
    ['empty', ''],
    ['a leading space', ' 김민지'],
    ['a leading hyphen', '-Kim'],
    ['digits', '김민지1'],
    ['markup', '<script>'],
    ['an at sign', 'kim@example.com'],
    ['a newline', 'Kim\nMinji'],
    ['a zero-width joiner', '김\u200D민지'],
    ['a right-to-left override', 'Kim\u202EMinji'],
    ['a lone surrogate', 'Kim\ud800'],
    ['an emoji', 'Kim 😀'],
    ['a leading middle dot', '·알리'],
    ['a bullet for a middle dot', '모하메드•알리'],
  ])('rejects %s', (_, name) => {
    expect(isPersonName(name)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isPersonName(42)).toBe(false);
    expect(isPersonName(undefined)).toBe(false);
  });
});

describe('normaliseName', () => {
  it('trims, collapses inner whitespace and lower-cases', () => {
    expect(normaliseName('  KIM   Min\tJi ')).toBe('kim min ji');
  });

  it('composes decomposed Hangul so both spellings compare equal', () => {
    expect(normaliseName('김민지'.normalize('NFD'))).toBe('김민지');
  });

  it('treats the ideographic space like any other space', () => {
    expect(normaliseName('김\u3000민지')).toBe(normaliseName('김 민지'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (name) => {
      expect(normaliseName(normaliseName(name))).toBe(normaliseName(name));
    }));
  });
});

describe('normaliseTypedDate', () => {
  const today = '2026-12-01';
  it.each([
    ['19900315', '1990-03-15'],
    ['900315', '1990-03-15'],
    ['100101', '2010-01-01'],
    ['261201', '2026-12-01'],
    ['261202', '1926-12-02'],
    ['1990.3.15', '1990-03-15'],
    ['1990. 03. 15.', '1990-03-15'],
    ['1990/3/5', '1990-03-05'],
    ['1990-03-15', '1990-03-15'],
    ['1990년 3월 15일', '1990-03-15'],
    ['１９９０．３．１５', '1990-03-15'],
  ])('reads %s as %s', (typed, iso) => {
    expect(normaliseTypedDate(typed, today)).toBe(iso);
  });
  it.each(['19900230', '1990-13-01', 'March 15', '', '123', '1990.3'])('leaves %j as typed, for the validator to refuse', (typed) => {
    expect(normaliseTypedDate(typed, today)).toBe(typed.trim());
  });
});
