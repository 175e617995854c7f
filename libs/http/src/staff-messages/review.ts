import type { Locale } from '../locale';

/** The review queue, a claim's file, decisions, notes and bulk decisions. */
export const REVIEW_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};

/** Labels of this area's form fields, for the generic field messages. */
export const REVIEW_LABELS: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};
