import { type CountBucket, funnelRates, summarize } from './claim-funnel';

const bucket = (status: CountBucket['status'], verdict: string, claims: number, estimateWon = 0, flagged = false): CountBucket => ({ status, verdict, flagged, claims, estimateWon });

describe('summarize', () => {
  it('adds the counters up by status, verdict and flag', () => {
    const s = summarize(
      [bucket('screened', 'eligible', 3, 300), bucket('screened', 'eligible', 2, 200), bucket('manual_review', 'manual_review', 1, 100, true), bucket('submitted', '', 4), bucket('rejected', 'ineligible', 2, 50)],
      0,
    );
    expect(s.total).toBe(12);
    expect(s.byStatus).toMatchObject({ screened: 5, manual_review: 1, submitted: 4, rejected: 2, approved: 0 });
    expect(s.byVerdict).toEqual({ eligible: 5, manual_review: 1, '': 4, ineligible: 2, needs_information: 0 });
    expect(s.flagged).toBe(1);
  });

  it('totals the damages of open, approved and filed claims only', () => {
    const s = summarize([bucket('approved', 'eligible', 1, 1000), bucket('filed', 'eligible', 1, 2000), bucket('needs_information', 'needs_information', 1, 30), bucket('rejected', 'eligible', 1, 99999), bucket('withdrawn', 'eligible', 1, 77777)], 0);
    expect(s.estimateWon).toBe(3030);
  });

  it('counts the funnel from drafts to filed, each stage within the one before', () => {
    const s = summarize(
      [bucket('screened', 'eligible', 5), bucket('approved', 'manual_review', 2), bucket('filed', 'eligible', 1), bucket('manual_review', 'ineligible', 3), bucket('rejected', 'eligible', 1), bucket('submitted', '', 2)],
      4,
    );
    expect(s.funnel).toEqual([
      { stage: 'started', count: 18 },
      { stage: 'submitted', count: 14 },
      { stage: 'screenedEligible', count: 9 },
      { stage: 'approved', count: 3 },
      { stage: 'filed', count: 1 },
    ]);
    const counts = s.funnel.map((f) => f.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it('ignores emptied counter rows (a slot that went back to zero)', () => {
    expect(summarize([bucket('screened', 'eligible', 0, 0)], 0).total).toBe(0);
  });
});

describe('funnelRates', () => {
  it('gives each stage as a share of the one before', () => {
    expect(funnelRates([{ count: 10 }, { count: 5 }, { count: 0 }, { count: 0 }])).toEqual([null, 0.5, 0, null]);
  });
});
