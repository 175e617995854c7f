/**
 * The access log page's filters, read from the query string. Field problems come back as
 * `{ field, code }` for the page to show beside each input (this lib does not throw http errors).
 */
export interface AccessLogFilterInput {
  from?: unknown;
  to?: unknown;
  staff?: unknown;
  action?: unknown;
  claim?: unknown;
  claimant?: unknown;
  after?: unknown;
}

export interface AccessLogFilter {
  /** Seoul dates, inclusive, as YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  /** A staff account id. */
  staffId: string | null;
  action: string | null;
  /** A claim number; the page turns it into its claimant id. */
  claimNumber: string | null;
  claimantId: string | null;
  /** Keyset: rows earlier in the chain than this sequence number (the page's last row). */
  afterId: string | null;
}

export interface FilterProblem {
  field: string;
  code: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z][a-zA-Z0-9.\-_]{0,59}$/;
const CLAIM_NUMBER = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function realDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function parseAccessLogFilter(input: AccessLogFilterInput): { filter: AccessLogFilter; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const take = (name: keyof AccessLogFilterInput, ok: (v: string) => boolean, code: string): string | null => {
    const value = text(input[name]);
    if (value === '') return null;
    if (ok(value)) return value;
    problems.push({ field: name, code });
    return null;
  };
  const filter: AccessLogFilter = {
    from: take('from', realDate, 'calendarDate'),
    to: take('to', realDate, 'calendarDate'),
    staffId: take('staff', (v) => UUID.test(v), 'isUuid'),
    action: take('action', (v) => ACTION.test(v), 'accessLogAction'),
    claimNumber: take('claim', (v) => CLAIM_NUMBER.test(v.toUpperCase()), 'claimNumber'),
    claimantId: take('claimant', (v) => UUID.test(v), 'isUuid'),
    afterId: take('after', (v) => /^[1-9]\d{0,18}$/.test(v), 'cursor'),
  };
  if (filter.claimNumber) filter.claimNumber = filter.claimNumber.toUpperCase();
  if (filter.staffId) filter.staffId = filter.staffId.toLowerCase();
  if (filter.claimantId) filter.claimantId = filter.claimantId.toLowerCase();
  if (filter.from && filter.to && filter.from > filter.to) problems.push({ field: 'to', code: 'dateOrder' });
  return { filter, problems };
}

/** The filter as query parameters (for the next page's link and the download form), without the cursor. */
export function filterQuery(filter: AccessLogFilter): Record<string, string> {
  const q: Record<string, string> = {};
  if (filter.from) q.from = filter.from;
  if (filter.to) q.to = filter.to;
  if (filter.staffId) q.staff = filter.staffId;
  if (filter.action) q.action = filter.action;
  if (filter.claimNumber) q.claim = filter.claimNumber;
  if (filter.claimantId) q.claimant = filter.claimantId;
  return q;
}

/** The first day of a month, as YYYY-MM-01, for a month asked for as YYYY-MM; null when not a real month. */
export function parseReviewMonth(value: unknown): string | null {
  const v = text(value);
  const match = /^(\d{4})-(\d{2})$/.exec(v);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 && Number(match[1]) >= 2000 ? `${v}-01` : null;
}

/** The months (YYYY-MM-01) that may be reviewed at `now`: this month and last month, in Seoul time. */
export function reviewableMonths(now: Date): [string, string] {
  const seoul = new Date(now.getTime() + 9 * 3_600_000);
  const y = seoul.getUTCFullYear();
  const m = seoul.getUTCMonth();
  const first = (year: number, month: number) => new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return [first(y, m), first(y, m - 1)];
}

/** The last `count` months (YYYY-MM-01) up to this one in Seoul, newest first. */
export function recentMonths(now: Date, count: number): string[] {
  const seoul = new Date(now.getTime() + 9 * 3_600_000);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(seoul.getUTCFullYear(), seoul.getUTCMonth() - i, 1)).toISOString().slice(0, 10));
}
