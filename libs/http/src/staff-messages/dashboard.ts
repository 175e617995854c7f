import type { Locale } from '../locale';

/** The dashboard, the weekly report and the access log's page and monthly review. */
export const DASHBOARD_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};

/** Labels of this area's form fields, for the generic field messages. */
export const DASHBOARD_LABELS: Record<Locale, Record<string, string>> = {
  ko: {},
  en: {},
};
