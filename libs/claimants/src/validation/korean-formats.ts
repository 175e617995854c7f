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
