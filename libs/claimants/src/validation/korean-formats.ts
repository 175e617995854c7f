import { isCalendarDate } from '@app/eligibility';

export { isCalendarDate };

/**
 * Format checks for Korean personal data. Pure functions, so the DTO decorators and the
 * unit tests share them.
 */

/** 010/011/016/017/018/019 mobile numbers, with or without dashes/spaces, or +82 form. */
const MOBILE = /^(?:\+82[ -]?|0)1[016789][ -]?\d{3,4}[ -]?\d{4}$/;
export function isKoreanMobile(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 20 && MOBILE.test(value.trim());
}

/** Five-digit postal codes (the national system since 2015). */
export function isKoreanPostalCode(value: unknown): boolean {
  return typeof value === 'string' && /^\d{5}$/.test(value);
}


export function isDateBetween(value: unknown, min: string, max: string): boolean {
  return isCalendarDate(value) && value >= min && value <= max;
}

/**
 * Text that a person could have typed: no control or format characters (NUL, bidi
 * overrides, zero-width joiners used to fake look-alike names), no unpaired surrogates.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]/u;
export function isPlainText(value: unknown): boolean {
  return typeof value === 'string' && !UNPRINTABLE.test(value) && value.isWellFormed();
}

/**
 * Names: letters (any script), marks, spaces and . ' - only, plus the middle dot of
 * transliterated foreign names (모하메드·알리; U+00B7, and the katakana ・ some keyboards give).
 */
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'\-\u00B7\u30FB]*$/u;
export function isPersonName(value: unknown): boolean {
  return typeof value === 'string' && NAME.test(value) && value.isWellFormed();
}

/**
 * A date as people type it on a form, as YYYY-MM-DD: eight digits (19900315), six (900315; the
 * century is the one that does not put the date in the future), or with dots, slashes, dashes,
 * spaces or 년/월/일 between the parts (1990. 3. 15.). Anything else comes back as typed, for
 * the validator to refuse.
 */
export function normaliseTypedDate(value: string, today: string): string {
  const typed = value.normalize('NFKC').trim();
  let y: number, m: number, d: number;
  const digits = /^\d{6}(\d{2})?$/.test(typed) ? typed : null;
  const parts = /^(\d{2}|\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?$/.exec(typed);
  if (digits?.length === 8) [y, m, d] = [Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6))];
  else if (digits) [y, m, d] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4)), Number(digits.slice(4))];
  else if (parts) [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  else return value.trim();
  const iso4 = (year: number) => `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (y < 100) {
    const century = Number(today.slice(0, 2)) * 100;
    y = iso4(century + y) > today ? century - 100 + y : century + y;
  }
  const iso = iso4(y);
  return isCalendarDate(iso) ? iso : value.trim();
}
