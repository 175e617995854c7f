import type { Locale } from '../locale';
import { CASES_LABELS, CASES_MESSAGES } from './cases';
import { CONSOLE_LABELS, CONSOLE_MESSAGES } from './console';
import { DASHBOARD_LABELS, DASHBOARD_MESSAGES } from './dashboard';
import { FILING_LABELS, FILING_MESSAGES } from './filing';
import { REVIEW_LABELS, REVIEW_MESSAGES } from './review';

type Catalog = Record<Locale, Record<string, string>>;

const merge = (...catalogs: Catalog[]): Catalog => ({
  ko: Object.assign({}, ...catalogs.map((c) => c.ko)),
  en: Object.assign({}, ...catalogs.map((c) => c.en)),
});

/** The staff console's messages, one file per area of the console; messages.ts merges them with the claimants'. */
export const STAFF_MESSAGES = merge(CONSOLE_MESSAGES, REVIEW_MESSAGES, FILING_MESSAGES, DASHBOARD_MESSAGES, CASES_MESSAGES);
export const STAFF_LABELS = merge(CONSOLE_LABELS, REVIEW_LABELS, FILING_LABELS, DASHBOARD_LABELS, CASES_LABELS);
