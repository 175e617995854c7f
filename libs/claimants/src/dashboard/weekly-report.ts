import { seoulDate } from './time-buckets';

/** The weekly report's figures: counts only, nobody's details. */
export interface WeeklyFigures {
  weekStart: Date;
  perDay: { start: Date; count: number }[];
  newClaims: number;
  statusChanges: { from: string | null; to: string; claims: number }[];
  decisions: { kind: string; decisions: number }[];
  deficiencyNotices: number;
  /** Where claims stand when the report is made (not at the week's end: the counters keep no history). */
  open: { submitted: number; screened: number; manualReview: number; needsInformation: number; flagged: number };
  estimateWon: number;
  total: number;
}

/**
 * The report as CSV rows (section, item, value), the same figures as the page, in the page's
 * words. `words` names the sections and items in the reader's language.
 */
export function weeklyReportRows(figures: WeeklyFigures, words: WeeklyReportWords): string[][] {
  const rows: string[][] = [[words.section, words.item, words.value]];
  rows.push([words.week, seoulDate(figures.weekStart), '']);
  for (const d of figures.perDay) rows.push([words.newClaims, seoulDate(d.start), String(d.count)]);
  rows.push([words.newClaims, words.weekTotal, String(figures.newClaims)]);
  for (const c of figures.statusChanges) rows.push([words.statusChanges, `${words.status(c.from ?? '')} → ${words.status(c.to)}`, String(c.claims)]);
  for (const d of figures.decisions) rows.push([words.decisions, words.decision(d.kind), String(d.decisions)]);
  rows.push([words.deficiencyNotices, words.sent, String(figures.deficiencyNotices)]);
  for (const [key, value] of Object.entries(figures.open)) rows.push([words.openItems, words.open(key), String(value)]);
  rows.push([words.totals, words.claims, String(figures.total)]);
  rows.push([words.totals, words.estimate, String(figures.estimateWon)]);
  return rows;
}

export interface WeeklyReportWords {
  section: string;
  item: string;
  value: string;
  week: string;
  newClaims: string;
  weekTotal: string;
  statusChanges: string;
  decisions: string;
  deficiencyNotices: string;
  sent: string;
  openItems: string;
  totals: string;
  claims: string;
  estimate: string;
  status: (status: string) => string;
  decision: (kind: string) => string;
  open: (key: string) => string;
}
