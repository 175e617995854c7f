import type { Locale } from '../locale';

/** Batches (filing rounds) and exports: plaintiff lists and proof-of-mandate packs. */
export const FILING_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};

/** Labels of this area's form fields, for the generic field messages. */
export const FILING_LABELS: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};
