import type { Locale } from '../locale';

/** Case versions in the console: upload, validation, preview and activation. */
export const CASES_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};

/** Labels of this area's form fields, for the generic field messages. */
export const CASES_LABELS: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};
