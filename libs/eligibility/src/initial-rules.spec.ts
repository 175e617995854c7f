import fc from 'fast-check';
import { DATA_CATEGORIES, NOTICE_KINDS, type ClaimFacts } from './claim-facts';
import { evaluateInitialRules, INITIAL_RULES_VERSION, SAME_IP_REVIEW_THRESHOLD, type Verdict } from './initial-rules';

/** An adult with a notice, inside the limitation period, and no review signals. */
const cleanFacts = (): ClaimFacts => ({
  answers: {
    noticeReceived: 'leak',
    exposedData: ['name_email', 'phone_address'],
    secondaryHarm: false,
    voucherUsed: false,
    otherRepresentation: false,
    usResident: false,
    learnedOn: '2025-12-01',
  },
  birthDate: '1990-03-15',
  today: '2026-01-10',
  samePhoneClaims: 0,
  sameIpClaims24h: 1,
  signatureMatchesName: true,
  limitationYears: 3,
});

type Change = { answers?: Partial<ClaimFacts['answers']> } & Partial<Omit<ClaimFacts, 'answers'>>;
const facts = (change: Change = {}): ClaimFacts => {
  const base = cleanFacts();
  return { ...base, ...change, answers: { ...base.answers, ...change.answers } };
};
const outcomes = (f: ClaimFacts) => Object.fromEntries(evaluateInitialRules(f).reasons.map((r) => [r.rule, r.outcome]));

const SEVERITY: Verdict[] = ['eligible', 'needs_information', 'manual_review', 'ineligible'];

describe('evaluateInitialRules', () => {
  it('finds a clean claim eligible, with the notice rule as its only reason', () => {
    const evaluation = evaluateInitialRules(facts());
    expect(evaluation.verdict).toBe('eligible');
    expect(evaluation.reasons.map((r) => [r.rule, r.outcome])).toEqual([['in-leaked-set', 'eligible']]);
  });

  it('stamps the rules version', () => {
    expect(evaluateInitialRules(facts()).rulesVersion).toBe(INITIAL_RULES_VERSION);
    expect(INITIAL_RULES_VERSION).toBe('initial.v1');
  });

  describe('each rule', () => {
    it('asks for the notice when the claimant received none', () => {
      expect(outcomes(facts({ answers: { noticeReceived: 'none' } }))).toMatchObject({ 'in-leaked-set': 'needs_information' });
    });

    it.each(NOTICE_KINDS.filter((k) => k !== 'none'))('accepts a %s notice', (noticeReceived) => {
      expect(outcomes(facts({ answers: { noticeReceived } }))).toMatchObject({ 'in-leaked-set': 'eligible' });
    });

    it('asks a minor for a guardian', () => {
      expect(evaluateInitialRules(facts({ birthDate: '2010-05-05' }))).toMatchObject({
        verdict: 'needs_information',
        reasons: expect.arrayContaining([expect.objectContaining({ rule: 'minor-guardian', outcome: 'needs_information' })]),
      });
    });

    it('refuses a claim pursued elsewhere', () => {
      expect(evaluateInitialRules(facts({ answers: { otherRepresentation: true } })).verdict).toBe('ineligible');
      expect(outcomes(facts({ answers: { otherRepresentation: true } }))).toMatchObject({ 'not-represented-elsewhere': 'ineligible' });
    });

    it('refuses a claim brought after the limitation period, naming the end date', () => {
      const evaluation = evaluateInitialRules(facts({ answers: { learnedOn: '2025-07-01' }, today: '2028-07-02' }));
      expect(evaluation.verdict).toBe('ineligible');
      const reason = evaluation.reasons.find((r) => r.rule === 'limitation')!;
      expect(reason.outcome).toBe('ineligible');
      expect(reason.ko).toContain('2028-07-01');
      expect(reason.en).toContain('2028-07-01');
    });

    it('sends a shared phone number to review', () => {
      expect(outcomes(facts({ samePhoneClaims: 1 }))).toMatchObject({ 'one-person-one-claim': 'manual_review' });
    });

    it('sends a burst of claims from one IP to review from the fifth claim', () => {
      expect(outcomes(facts({ sameIpClaims24h: 4 }))).not.toHaveProperty('ip-burst');
      expect(outcomes(facts({ sameIpClaims24h: 5 }))).toMatchObject({ 'ip-burst': 'manual_review' });
    });

    it('sends a signature that does not match the name to review', () => {
      expect(outcomes(facts({ signatureMatchesName: false }))).toMatchObject({ 'signature-name': 'manual_review' });
    });

    it('routes US residents to review', () => {
      expect(outcomes(facts({ answers: { usResident: true } }))).toMatchObject({ 'us-track': 'manual_review' });
    });

    it('ignores voucher use, exposed data and secondary harm (they price the claim, not its eligibility)', () => {
      const evaluation = evaluateInitialRules(facts({ answers: { voucherUsed: true, exposedData: [...DATA_CATEGORIES], secondaryHarm: true } }));
      expect(evaluation.verdict).toBe('eligible');
    });
  });

  describe('age of majority (19 under the Korean Civil Act)', () => {
    it('treats someone as a minor the day before their 19th birthday', () => {
      expect(outcomes(facts({ birthDate: '2007-01-10', today: '2026-01-09' }))).toHaveProperty('minor-guardian');
    });

    it('treats someone as an adult on their 19th birthday', () => {
      expect(outcomes(facts({ birthDate: '2007-01-10', today: '2026-01-10' }))).not.toHaveProperty('minor-guardian');
    });

    it('treats an 18-year-old as a minor', () => {
      expect(outcomes(facts({ birthDate: '2007-06-01', today: '2026-01-10' }))).toHaveProperty('minor-guardian');
    });

    it('makes someone born on 29 February an adult on 1 March of a common year', () => {
      expect(outcomes(facts({ birthDate: '2008-02-29', today: '2027-02-28' }))).toHaveProperty('minor-guardian');
      expect(outcomes(facts({ birthDate: '2008-02-29', today: '2027-03-01' }))).not.toHaveProperty('minor-guardian');
    });
  });

  describe('limitation period', () => {
    it('is still open on its last day', () => {
      expect(outcomes(facts({ answers: { learnedOn: '2025-12-01' }, today: '2028-12-01' }))).not.toHaveProperty('limitation');
    });

    it('has ended the day after', () => {
      expect(outcomes(facts({ answers: { learnedOn: '2025-12-01' }, today: '2028-12-02' }))).toMatchObject({ limitation: 'ineligible' });
    });

    it('follows the case limitation years', () => {
      const f = { answers: { learnedOn: '2025-12-01' }, today: '2027-12-02' };
      expect(outcomes(facts({ ...f, limitationYears: 2 }))).toHaveProperty('limitation');
      expect(outcomes(facts({ ...f, limitationYears: 3 }))).not.toHaveProperty('limitation');
    });

    it('ends on 28 February when the claimant learned on 29 February', () => {
      expect(outcomes(facts({ answers: { learnedOn: '2024-02-29' }, today: '2027-02-28' }))).not.toHaveProperty('limitation');
      expect(outcomes(facts({ answers: { learnedOn: '2024-02-29' }, today: '2027-03-01' }))).toHaveProperty('limitation');
    });
  });

  describe('severity', () => {
    it('ineligible beats manual review and missing information', () => {
      const f = facts({ answers: { otherRepresentation: true, noticeReceived: 'none', usResident: true } });
      expect(evaluateInitialRules(f).verdict).toBe('ineligible');
    });

    it('manual review beats missing information', () => {
      const f = facts({ answers: { noticeReceived: 'none' }, samePhoneClaims: 2 });
      expect(evaluateInitialRules(f).verdict).toBe('manual_review');
    });

    it('missing information beats eligible', () => {
      expect(evaluateInitialRules(facts({ answers: { noticeReceived: 'none' } })).verdict).toBe('needs_information');
    });

    it('keeps every reason, not only the decisive one', () => {
      const f = facts({ answers: { otherRepresentation: true, noticeReceived: 'none' }, birthDate: '2010-01-01', samePhoneClaims: 1 });
      expect(evaluateInitialRules(f).reasons.map((r) => r.rule)).toEqual(['in-leaked-set', 'minor-guardian', 'not-represented-elsewhere', 'one-person-one-claim']);
    });
  });

  describe('over arbitrary facts', () => {
    const isoDate = (min: string, max: string) =>
      fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const anyFacts: fc.Arbitrary<ClaimFacts> = fc.record({
      answers: fc.record({
        noticeReceived: fc.constantFrom(...NOTICE_KINDS),
        exposedData: fc.subarray([...DATA_CATEGORIES]),
        secondaryHarm: fc.boolean(),
        voucherUsed: fc.boolean(),
        otherRepresentation: fc.boolean(),
        usResident: fc.boolean(),
        learnedOn: isoDate('2025-06-24', '2026-12-31'),
      }),
      birthDate: isoDate('1900-01-01', '2026-12-31'),
      today: isoDate('2025-06-24', '2032-12-31'),
      samePhoneClaims: fc.nat(5),
      sameIpClaims24h: fc.integer({ min: 1, max: 20 }),
      signatureMatchesName: fc.boolean(),
      limitationYears: fc.integer({ min: 1, max: 10 }),
    });

    it('the verdict is always the most severe outcome among the reasons', () => {
      fc.assert(fc.property(anyFacts, (f) => {
        const { verdict, reasons } = evaluateInitialRules(f);
        const worst = Math.max(...reasons.map((r) => SEVERITY.indexOf(r.outcome)));
        expect(verdict).toBe(SEVERITY[worst]);
      }));
    });

    it('every reason explains itself in Korean and English', () => {
      fc.assert(fc.property(anyFacts, (f) => {
        for (const reason of evaluateInitialRules(f).reasons) {
          expect(reason.ko).toMatch(/[\uac00-\ud7a3]/);
          expect(reason.en).toMatch(/^[\x20-\x7e]+$/);
          expect(reason.en).toMatch(/[a-z]/i);
        }
      }));
    });

    it('is eligible only when every reason is', () => {
      fc.assert(fc.property(anyFacts, (f) => {
        const { verdict, reasons } = evaluateInitialRules(f);
        expect(verdict === 'eligible').toBe(reasons.every((r) => r.outcome === 'eligible'));
      }));
    });

    it('always carries the rules version and at least the notice reason', () => {
      fc.assert(fc.property(anyFacts, (f) => {
        const { reasons, rulesVersion } = evaluateInitialRules(f);
        expect(rulesVersion).toBe(INITIAL_RULES_VERSION);
        expect(reasons[0].rule).toBe('in-leaked-set');
      }));
    });
  });
});

describe('what a claimant may be told', () => {
  it('marks signals about other people and other claims staff-only, and nothing about the claimant\'s own answers', () => {
    const evaluation = evaluateInitialRules(
      facts({ samePhoneClaims: 1, sameIpClaims24h: SAME_IP_REVIEW_THRESHOLD, answers: { otherRepresentation: true, noticeReceived: 'none' } }),
    );
    const staffOnly = evaluation.reasons.filter((r) => r.staffOnly).map((r) => r.rule);
    expect(staffOnly.sort()).toEqual(['ip-burst', 'one-person-one-claim']);
    expect(evaluation.reasons.filter((r) => !r.staffOnly).map((r) => r.rule)).toEqual(['in-leaked-set', 'not-represented-elsewhere']);
  });
});
