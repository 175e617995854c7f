import { parseWeek, weekDays } from './time-buckets';
import { type WeeklyFigures, weeklyReportRows, type WeeklyReportWords } from './weekly-report';

const words: WeeklyReportWords = {
  section: 'section', item: 'item', value: 'value', week: 'week', newClaims: 'new', weekTotal: 'total', statusChanges: 'changes', decisions: 'decisions',
  deficiencyNotices: 'notices', sent: 'sent', openItems: 'open', totals: 'totals', claims: 'claims', estimate: 'estimate',
  status: (s) => `S:${s}`, decision: (k) => `D:${k}`, open: (k) => `O:${k}`,
};

describe('weeklyReportRows', () => {
  it('lists every figure once, the days in order, and their total', () => {
    const monday = parseWeek('2026-03-09')!;
    const figures: WeeklyFigures = {
      weekStart: monday,
      perDay: weekDays(monday).map((start, i) => ({ start, count: i })),
      newClaims: 21,
      statusChanges: [{ from: 'submitted', to: 'screened', claims: 5 }],
      decisions: [{ kind: 'approve', decisions: 2 }],
      deficiencyNotices: 3,
      open: { submitted: 1, screened: 2, manualReview: 3, needsInformation: 4, flagged: 5 },
      estimateWon: 1_500_000,
      total: 30,
    };
    const rows = weeklyReportRows(figures, words);
    expect(rows[0]).toEqual(['section', 'item', 'value']);
    expect(rows.filter((r) => r[0] === 'new').map((r) => r[1])).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15', 'total']);
    expect(rows).toContainEqual(['changes', 'S:submitted → S:screened', '5']);
    expect(rows).toContainEqual(['decisions', 'D:approve', '2']);
    expect(rows).toContainEqual(['notices', 'sent', '3']);
    expect(rows).toContainEqual(['open', 'O:manualReview', '3']);
    expect(rows).toContainEqual(['totals', 'estimate', '1500000']);
  });
});
