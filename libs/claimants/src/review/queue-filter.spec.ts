import { decodeCursor, encodeCursor, filterQuery, parseQueueFilter } from './queue-filter';

const CHOICES = { flags: ['same-phone', 'ip-burst'], tiers: ['name_email', 'entry_code'] };

describe('the review queue filter', () => {
  it('reads a full query string', () => {
    const cursor = encodeCursor({ key: '2026-11-30T01:02:03.000Z', id: '0190f5a0-0000-7000-8000-000000000009' });
    const { filter, problems } = parseQueueFilter(
      { status: 'open', verdict: 'manual_review', flag: 'same-phone', tier: 'entry_code', from: '2026-11-01', to: '2026-11-30', assignee: 'me', sort: 'received_asc', after: cursor },
      CHOICES,
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      q: null, status: 'open', verdict: 'manual_review', flag: 'same-phone', tier: 'entry_code', from: '2026-11-01', to: '2026-11-30', assignee: 'me', sort: 'received_asc',
      after: { key: '2026-11-30T01:02:03.000Z', id: '0190f5a0-0000-7000-8000-000000000009' },
    });
  });

  it('defaults to everything, newest first', () => {
    expect(parseQueueFilter({}, CHOICES)).toEqual({
      filter: { q: null, status: null, verdict: null, flag: null, tier: null, from: null, to: null, assignee: null, sort: 'received_desc', after: null },
      problems: [],
    });
  });

  it('names every field it cannot read, and ignores none silently', () => {
    const { problems } = parseQueueFilter(
      { status: 'lost', verdict: ['eligible'], flag: 'x', tier: 'gold', from: '2026-02-30', to: '2026-01-01', assignee: "' OR 1=1", sort: 'random', after: 'bm90IGEgY3Vyc29y' },
      CHOICES,
    );
    expect(problems.map((p) => p.field)).toEqual(['status', 'flag', 'tier', 'from', 'assignee', 'sort', 'after']);
    // An array (a field sent twice) is no value; a range backwards is refused.
    expect(parseQueueFilter({ from: '2026-02-01', to: '2026-01-01' }, CHOICES).problems).toEqual([{ field: 'to', code: 'dateRange' }]);
  });

  it('refuses a search with a control character or half a surrogate pair, as a field error', () => {
    for (const q of ['CP\u0000', '\u001b[31m', '\ud800']) expect(parseQueueFilter({ q }, CHOICES)).toMatchObject({ filter: { q: null }, problems: [{ field: 'q', code: 'plainText' }] });
    expect(parseQueueFilter({ q: 'CP-2025-000123' }, CHOICES).problems).toEqual([]);
  });

  it('keeps a cursor for its own sort only', () => {
    const time = encodeCursor({ key: '2026-11-30T01:02:03.000Z', id: '0190f5a0-0000-7000-8000-000000000009' });
    const amount = encodeCursor({ key: 230_000, id: '0190f5a0-0000-7000-8000-000000000009' });
    expect(decodeCursor(time, 'amount_desc')).toBeNull();
    expect(decodeCursor(amount, 'amount_desc')).toEqual({ key: 230_000, id: '0190f5a0-0000-7000-8000-000000000009' });
    expect(decodeCursor(amount, 'received_desc')).toBeNull();
    expect(decodeCursor('%%%', 'received_desc')).toBeNull();
  });

  it('writes the filter back as a query string without the defaults', () => {
    const { filter } = parseQueueFilter({ status: 'screened', sort: 'received_desc', after: encodeCursor({ key: '2026-11-30T01:02:03.000Z', id: '0190f5a0-0000-7000-8000-000000000009' }) }, CHOICES);
    expect(filterQuery(filter)).toEqual({ status: 'screened' });
    expect(filterQuery(filter, { status: null, verdict: 'eligible' })).toEqual({ verdict: 'eligible' });
  });
});
