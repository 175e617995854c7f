import { addOutcome, emptyTally, mergeTally, type PreviewOutcome } from './preview-tally';

const open = (from: [string, number], to: [string, number], statusMoves = false): PreviewOutcome =>
  ({ kind: 'open', before: { verdict: from[0], estimateWon: from[1] }, after: { verdict: to[0], estimateWon: to[1] }, statusMoves }) as PreviewOutcome;

describe('preview tally', () => {
  it('counts verdict moves, amount changes and totals over open claims only', () => {
    const t = emptyTally();
    addOutcome(t, open(['eligible', 230_000], ['eligible', 270_000]));
    addOutcome(t, open(['eligible', 230_000], ['needs_information', 230_000], true));
    addOutcome(t, open(['manual_review', 200_000], ['manual_review', 200_000]));
    addOutcome(t, { kind: 'decided', changed: true });
    addOutcome(t, { kind: 'decided', changed: false });
    addOutcome(t, { kind: 'skipped' });
    expect(t).toMatchObject({ evaluated: 5, notRescored: 1, verdictChanged: 1, amountChanged: 1, totalBeforeWon: 660_000, totalAfterWon: 700_000, statusMoves: 1, decided: 2, flagged: 1 });
    expect(t.verdicts.eligible).toEqual({ eligible: 1, needs_information: 1, manual_review: 0, ineligible: 0 });
    expect(t.verdicts.manual_review.manual_review).toBe(1);
  });

  it('merges chunk by chunk to the same figures as one pass, starting from an empty stored tally', () => {
    const outcomes: PreviewOutcome[] = [
      open(['eligible', 1], ['ineligible', 2], true),
      { kind: 'decided', changed: true },
      open(['needs_information', 3], ['eligible', 3], true),
      { kind: 'skipped' },
      open(['eligible', 5], ['eligible', 5]),
    ];
    const whole = outcomes.reduce(addOutcome, emptyTally());
    const first = outcomes.slice(0, 2).reduce(addOutcome, emptyTally());
    const second = outcomes.slice(2).reduce(addOutcome, emptyTally());
    expect(mergeTally(mergeTally({}, first), second)).toEqual(whole);
    // A stored tally survives a JSON round trip (it is kept as jsonb).
    expect(mergeTally(JSON.parse(JSON.stringify(first)), second)).toEqual(whole);
  });
});
