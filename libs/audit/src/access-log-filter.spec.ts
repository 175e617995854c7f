import { filterQuery, parseAccessLogFilter, parseReviewMonth, recentMonths, reviewableMonths } from './access-log-filter';

describe('parseAccessLogFilter', () => {
  it('reads every filter and leaves empty ones out', () => {
    const { filter, problems } = parseAccessLogFilter({
      from: '2026-03-01', to: '2026-03-31', staff: '0190F5A0-0000-7000-8000-000000000001', action: 'claimant.read', claim: 'cp-2025-000123', claimant: '', after: '42',
    });
    expect(problems).toEqual([]);
    expect(filter).toEqual({ from: '2026-03-01', to: '2026-03-31', staffId: '0190f5a0-0000-7000-8000-000000000001', action: 'claimant.read', claimNumber: 'CP-2025-000123', claimantId: null, afterId: '42' });
    expect(filterQuery(filter)).toEqual({ from: '2026-03-01', to: '2026-03-31', staff: '0190f5a0-0000-7000-8000-000000000001', action: 'claimant.read', claim: 'CP-2025-000123' });
  });

  it('names each field that is not right, never passing it on', () => {
    const { filter, problems } = parseAccessLogFilter({ from: '2026-02-30', staff: 'bob', action: "x'; drop table", claimant: '1234', after: '-1', claim: '<script>' });
    expect(problems.map((p) => p.field).sort()).toEqual(['action', 'after', 'claim', 'claimant', 'from', 'staff']);
    expect(Object.values(filter).every((v) => v === null)).toBe(true);
  });

  it('refuses a range that ends before it starts', () => {
    expect(parseAccessLogFilter({ from: '2026-03-02', to: '2026-03-01' }).problems).toEqual([{ field: 'to', code: 'dateOrder' }]);
  });

  it('takes the first of repeated parameters', () => {
    expect(parseAccessLogFilter({ action: ['claimant.read', 'x'] }).filter.action).toBe('claimant.read');
  });
});

describe('review months', () => {
  it('are this month and last month in Seoul time', () => {
    // 2026-03-31 16:00 UTC is already April 1st in Seoul.
    expect(reviewableMonths(new Date('2026-03-31T16:00:00Z'))).toEqual(['2026-04-01', '2026-03-01']);
    expect(reviewableMonths(new Date('2026-01-10T00:00:00Z'))).toEqual(['2026-01-01', '2025-12-01']);
    expect(recentMonths(new Date('2026-02-10T00:00:00Z'), 3)).toEqual(['2026-02-01', '2026-01-01', '2025-12-01']);
  });

  it('parses YYYY-MM only', () => {
    expect(parseReviewMonth('2026-03')).toBe('2026-03-01');
    for (const bad of ['2026-13', '2026-3', '2026-03-01', '', 'x']) expect(parseReviewMonth(bad)).toBeNull();
  });
});
