import { assertTransition, canTransition, CLAIM_STATUSES, ClaimStatus, InvalidTransitionError, statusAfterAssessment, statusAfterScreening } from './claim-status';

const TERMINAL: ClaimStatus[] = ['rejected', 'withdrawn'];
const OPEN = CLAIM_STATUSES.filter((s) => !TERMINAL.includes(s));
const allPairs = CLAIM_STATUSES.flatMap((from) => CLAIM_STATUSES.map((to) => [from, to] as const));

describe('claim status transitions', () => {
  it.each(TERMINAL)('%s is terminal: it has no exits', (from) => {
    for (const to of CLAIM_STATUSES) expect(canTransition(from, to)).toBe(false);
  });

  it.each(OPEN)('%s can still be withdrawn', (from) => {
    expect(canTransition(from, 'withdrawn')).toBe(true);
  });

  it.each(OPEN)('%s has a way out', (from) => {
    expect(CLAIM_STATUSES.some((to) => canTransition(from, to))).toBe(true);
  });

  it('never moves a claim to the status it already has', () => {
    for (const s of CLAIM_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('never goes back to submitted except to cure missing information (also of a claim held for review)', () => {
    expect(CLAIM_STATUSES.filter((from) => canTransition(from, 'submitted'))).toEqual(['needs_information', 'manual_review']);
  });

  it('files only approved claims', () => {
    expect(CLAIM_STATUSES.filter((from) => canTransition(from, 'filed'))).toEqual(['approved']);
  });

  it('lets staff reject any open claim except one already filed', () => {
    expect(OPEN.filter((from) => !canTransition(from, 'rejected'))).toEqual(['filed']);
  });

  it('reaches every status from submitted', () => {
    const seen = new Set<ClaimStatus>(['submitted']);
    const queue: ClaimStatus[] = ['submitted'];
    while (queue.length) {
      const from = queue.shift()!;
      for (const to of CLAIM_STATUSES) {
        if (canTransition(from, to) && !seen.has(to)) (seen.add(to), queue.push(to));
      }
    }
    expect([...seen].sort()).toEqual([...CLAIM_STATUSES].sort());
  });

  it('follows the documented graph', () => {
    const legal = allPairs.filter(([from, to]) => canTransition(from, to)).map(([from, to]) => `${from}->${to}`);
    expect(legal.sort()).toEqual([
      'approved->filed', 'approved->rejected', 'approved->withdrawn',
      'filed->withdrawn',
      'manual_review->approved', 'manual_review->needs_information', 'manual_review->rejected', 'manual_review->screened', 'manual_review->submitted', 'manual_review->withdrawn',
      'needs_information->manual_review', 'needs_information->rejected', 'needs_information->screened', 'needs_information->submitted', 'needs_information->withdrawn',
      'screened->approved', 'screened->manual_review', 'screened->needs_information', 'screened->rejected', 'screened->withdrawn',
      'submitted->manual_review', 'submitted->needs_information', 'submitted->rejected', 'submitted->screened', 'submitted->withdrawn',
    ].sort());
  });
});

describe('assertTransition', () => {
  it('accepts every legal transition', () => {
    for (const [from, to] of allPairs.filter(([f, t]) => canTransition(f, t))) {
      expect(() => assertTransition(from, to)).not.toThrow();
    }
  });

  it('names both ends of an illegal transition', () => {
    let thrown: unknown;
    try {
      assertTransition('withdrawn', 'approved');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTransitionError);
    expect(thrown).toMatchObject({ name: 'InvalidTransitionError', from: 'withdrawn', to: 'approved' });
    expect((thrown as Error).message).toBe('claim cannot go from withdrawn to approved');
  });

  it.each(allPairs.filter(([from, to]) => !canTransition(from, to)))('refuses %s -> %s', (from, to) => {
    expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError);
  });
});

describe('statusAfterScreening', () => {
  it.each([
    ['eligible', 'screened'],
    ['needs_information', 'needs_information'],
    ['manual_review', 'manual_review'],
    // An automatic "ineligible" is never final: a person decides.
    ['ineligible', 'manual_review'],
  ] as const)('%s -> %s', (verdict, next) => {
    expect(statusAfterScreening(verdict)).toBe(next);
  });

  it('only ever proposes a legal move from submitted', () => {
    for (const verdict of ['eligible', 'ineligible', 'needs_information', 'manual_review'] as const) {
      expect(() => assertTransition('submitted', statusAfterScreening(verdict))).not.toThrow();
    }
  });
});

describe('statusAfterAssessment', () => {
  const verdicts = ['eligible', 'ineligible', 'needs_information', 'manual_review'] as const;

  it('never moves a decided or withdrawn claim', () => {
    for (const current of ['approved', 'rejected', 'filed', 'withdrawn'] as const) {
      for (const verdict of verdicts) expect(statusAfterAssessment(current, verdict)).toBe(current);
    }
  });

  it('moves an open claim to what its verdict calls for, by a legal transition', () => {
    for (const current of ['submitted', 'screened', 'needs_information', 'manual_review'] as const) {
      for (const verdict of verdicts) {
        const next = statusAfterAssessment(current, verdict);
        expect(next).toBe(statusAfterScreening(verdict));
        if (next !== current) expect(canTransition(current, next)).toBe(true);
      }
    }
  });
});
