import { VERDICTS, type Verdict } from '@app/eligibility';
import { CLAIM_STATUSES, type ClaimStatus } from '../claim-status';

/**
 * The review queue's filter as the page's query string carries it, checked: anything unknown is
 * a field error, never a query. Pure: the query builder takes the parsed form.
 */
export const QUEUE_SORTS = ['received_desc', 'received_asc', 'changed_desc', 'amount_desc', 'amount_asc'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Statuses a person still has to act on, as one choice. */
export const OPEN_STATUSES: readonly ClaimStatus[] = ['submitted', 'screened', 'needs_information', 'manual_review'];

export interface QueueFilter {
  /** A claim number, an email address or a mobile number: finds that claimant's claim. */
  q: string | null;
  status: ClaimStatus | 'open' | null;
  verdict: Verdict | null;
  /** 'any' flagged, 'result-changed' (a flag to resolve), or a staff-only rule's id. */
  flag: string | null;
  tier: string | null;
  /** YYYY-MM-DD (Seoul), received on or after / on or before. */
  from: string | null;
  to: string | null;
  /** 'me', 'none' or a staff id. */
  assignee: string | null;
  sort: QueueSort;
  /** Where the page starts (an opaque cursor from the previous page). */
  after: QueueCursor | null;
}

export interface QueueCursor {
  /** The sort column's value of the last row shown (an ISO time or an amount). */
  key: string | number;
  id: string;
}

export interface QueueChoices {
  /** The flags a case can raise: its staff-only rules. */
  flags: readonly string[];
  tiers: readonly string[];
}

export interface FilterProblem {
  field: string;
  code: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = (query: Record<string, unknown>, name: string): string => {
  const value = query[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** Parses the query string; problems name the field, so the page shows them beside the filter. */
export function parseQueueFilter(query: Record<string, unknown>, choices: QueueChoices): { filter: QueueFilter; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | null => {
    const value = text(query, name);
    if (value === '') return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push({ field: name, code: 'isIn' });
    return null;
  };
  const day = (name: string): string | null => {
    const value = text(query, name);
    if (value === '') return null;
    if (DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
    problems.push({ field: name, code: 'calendarDate' });
    return null;
  };
  const qText = text(query, 'q');
  // A claim number, an email address or a phone number: never a control character nor half a
  // surrogate pair (a NUL would reach Postgres as a 500). The same test as decisions.ts' isTypedText,
  // kept here because this file is pure and decisions.ts is not.
  const plain = !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u.test(qText);
  const q = qText === '' ? null : qText.length <= 100 && plain ? qText : null;
  if (qText.length > 100) problems.push({ field: 'q', code: 'maxLength' });
  else if (!plain) problems.push({ field: 'q', code: 'plainText' });
  const status = pick<ClaimStatus | 'open'>('status', ['open', ...CLAIM_STATUSES]);
  const verdict = pick<Verdict>('verdict', VERDICTS);
  const flag = pick('flag', ['any', 'result-changed', ...choices.flags]);
  const tier = pick('tier', choices.tiers);
  const from = day('from');
  const to = day('to');
  if (from && to && from > to) problems.push({ field: 'to', code: 'dateRange' });
  const assigneeText = text(query, 'assignee');
  const assignee = assigneeText === '' ? null : assigneeText === 'me' || assigneeText === 'none' || UUID.test(assigneeText) ? assigneeText : null;
  if (assigneeText !== '' && assignee === null) problems.push({ field: 'assignee', code: 'isIn' });
  const sort = pick<QueueSort>('sort', QUEUE_SORTS) ?? 'received_desc';
  const afterText = text(query, 'after');
  const after = afterText === '' ? null : decodeCursor(afterText, sort);
  if (afterText !== '' && after === null) problems.push({ field: 'after', code: 'isIn' });
  return { filter: { q, status, verdict, flag, tier, from, to, assignee, sort, after }, problems };
}

/** The same filter as a query string (for links: the next page, a facet, the bulk form). */
export function filterQuery(filter: QueueFilter, overrides: Partial<Record<keyof QueueFilter, string | null>> = {}): Record<string, string> {
  const values: Record<string, string | null> = {
    q: filter.q, status: filter.status, verdict: filter.verdict, flag: filter.flag, tier: filter.tier, from: filter.from, to: filter.to, assignee: filter.assignee,
    sort: filter.sort === 'received_desc' ? null : filter.sort, after: null, ...overrides,
  };
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

/** The column a sort pages over. */
export function sortKey(sort: QueueSort): 'created_at' | 'status_changed_at' | 'estimate_won' {
  return sort.startsWith('received') ? 'created_at' : sort === 'changed_desc' ? 'status_changed_at' : 'estimate_won';
}

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

/** A cursor back from the page, or null when it is not one this sort made. */
export function decodeCursor(value: string, sort: QueueSort): QueueCursor | null {
  if (value.length > 200) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string' || !UUID.test(parsed[1])) return null;
  const [key, id] = parsed as [unknown, string];
  if (sortKey(sort) === 'estimate_won') return Number.isSafeInteger(key) ? { key: key as number, id } : null;
  return typeof key === 'string' && !Number.isNaN(Date.parse(key)) ? { key, id } : null;
}
