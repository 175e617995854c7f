import fc from 'fast-check';
import { answersValidator, estimateDamages, evaluateRules, type RuleFacts, type Verdict } from '@app/eligibility';
import { type CaseDefinition, checkDefinition } from '../case-definition';
import definition from './coupang-2025.json';

const def = definition as unknown as CaseDefinition;

/** An adult with a notice, inside the limitation period, with no review signals. */
const facts = (
  change: { answers?: Record<string, unknown>; age?: number; today?: string; signals?: Partial<RuleFacts['signals']>; guardian?: boolean; evidence?: Record<string, number> } = {},
): RuleFacts => ({
  answers: {
    noticeReceived: 'leak',
    exposedData: ['name_email', 'phone_address'],
    secondaryHarm: false,
    voucherUsed: false,
    otherRepresentation: false,
    usResident: false,
    learnedOn: '2025-12-01',
    ...change.answers,
  },
  claimant: { age: change.age ?? 35 },
  signals: { emailVerified: true, identityVerified: null, signatureMatchesName: true, samePhoneClaims: 0, sameIpClaims24h: 1, reportedDeceased: false, ...change.signals },
  case: { limitationYears: def.limitationYears },
  today: change.today ?? '2026-01-10',
  filer: { guardian: change.guardian ?? false },
  evidence: { breach_notice: 0, account_proof: 0, harm_evidence: 0, family_certificate: 0, ...change.evidence },
});
const evaluate = (f: RuleFacts) => evaluateRules(def.rules, def.questionnaire, f);
const outcomeOf = (rule: string, f: RuleFacts): Verdict => evaluate(f).results.find((r) => r.rule === rule)!.outcome;

describe('coupang-2025', () => {
  it('is a definition that can be saved', () => {
    expect(checkDefinition(def)).toEqual([]);
  });

  it('finds a clean claim eligible, with every rule passing', () => {
    const e = evaluate(facts());
    expect(e.verdict).toBe('eligible');
    expect(e.results.every((r) => r.outcome === 'eligible')).toBe(true);
    expect(e.results.map((r) => r.rule)).toEqual([
      'in-leaked-set', 'identity-verified', 'alive-at-filing', 'minor-guardian', 'guardian-certificate', 'not-represented-elsewhere', 'limitation',
      'one-person-one-claim', 'voucher-asked', 'us-track', 'signature-name', 'ip-burst',
    ]);
  });

  // The nine rules of domain.md, then the two signals that protect the mandate and the intake.
  describe('1. in the leaked set (either notice, or a third party notified)', () => {
    it.each(['exposure', 'leak', 'both', 'third_party'])('passes with the %s notice', (notice) => {
      expect(outcomeOf('in-leaked-set', facts({ answers: { noticeReceived: notice } }))).toBe('eligible');
    });
    it('asks for the notice when none was received, with a cure deadline', () => {
      const e = evaluate(facts({ answers: { noticeReceived: 'none' } }));
      expect(e.results[0]).toEqual({ rule: 'in-leaked-set', outcome: 'needs_information' });
      expect(e.deficiencies).toEqual([{ rule: 'in-leaked-set', item: 'breach-notice' }]);
      expect(e.cureBy).toBe('2026-02-09');
    });
    it('is cured by an uploaded notice screenshot, which the deficiency names as its cure', () => {
      expect(outcomeOf('in-leaked-set', facts({ answers: { noticeReceived: 'none' }, evidence: { breach_notice: 1 } }))).toBe('eligible');
      expect(outcomeOf('in-leaked-set', facts({ answers: { noticeReceived: 'none' }, evidence: { account_proof: 2 } }))).toBe('needs_information');
      expect(def.rules.rules.find((r) => r.id === 'in-leaked-set')!.deficiency!.evidence).toBe('breach_notice');
    });
  });

  describe('2. identity verified and the contact proven', () => {
    it('passes while the identity check has not run, the email being proven', () => {
      expect(outcomeOf('identity-verified', facts())).toBe('eligible');
    });
    it('sends a failed identity check or an unproven email to review', () => {
      expect(outcomeOf('identity-verified', facts({ signals: { identityVerified: false } }))).toBe('manual_review');
      expect(outcomeOf('identity-verified', facts({ signals: { emailVerified: false } }))).toBe('manual_review');
    });
  });

  describe('3. alive at filing', () => {
    it('routes a claimant recorded as deceased to counsel', () => {
      expect(outcomeOf('alive-at-filing', facts())).toBe('eligible');
      expect(outcomeOf('alive-at-filing', facts({ signals: { reportedDeceased: true } }))).toBe('manual_review');
    });
  });

  describe('4. minors need a guardian', () => {
    it('asks a claimant under 19 for the guardian\'s mandate; 19 is of age', () => {
      expect(outcomeOf('minor-guardian', facts({ age: 18 }))).toBe('needs_information');
      expect(evaluate(facts({ age: 18 })).deficiencies).toEqual([{ rule: 'minor-guardian', item: 'guardian-mandate' }]);
      expect(outcomeOf('minor-guardian', facts({ age: 19 }))).toBe('eligible');
    });
    it('passes a minor whose guardian filed and signed, who then needs the family-relation certificate', () => {
      expect(outcomeOf('minor-guardian', facts({ age: 12, guardian: true }))).toBe('eligible');
      const e = evaluate(facts({ age: 12, guardian: true }));
      expect(e.deficiencies).toEqual([{ rule: 'guardian-certificate', item: 'family-certificate' }]);
      expect(evaluate(facts({ age: 12, guardian: true, evidence: { family_certificate: 1 } })).verdict).toBe('eligible');
      // Someone filing for themselves is never asked for it.
      expect(outcomeOf('guardian-certificate', facts())).toBe('eligible');
    });
  });

  describe('5. not represented elsewhere', () => {
    it('refuses a claim pursued in another suit or mediation', () => {
      expect(outcomeOf('not-represented-elsewhere', facts({ answers: { otherRepresentation: true } }))).toBe('ineligible');
      expect(evaluate(facts({ answers: { otherRepresentation: true } })).verdict).toBe('ineligible');
    });
  });

  describe('6. within the limitation period (3 years from learning of it)', () => {
    it('passes on the last day and fails the day after, naming the date', () => {
      expect(outcomeOf('limitation', facts({ today: '2028-12-01' }))).toBe('eligible');
      const late = evaluate(facts({ today: '2028-12-02' })).results.find((r) => r.rule === 'limitation');
      expect(late).toEqual({ rule: 'limitation', outcome: 'ineligible', params: { limitationEnds: '2028-12-01' } });
    });
  });

  describe('7. one person, one claim', () => {
    it('sends a claim sharing a mobile number to review, for staff eyes only', () => {
      const result = evaluate(facts({ signals: { samePhoneClaims: 1 } })).results.find((r) => r.rule === 'one-person-one-claim');
      expect(result).toEqual({ rule: 'one-person-one-claim', outcome: 'manual_review', staffOnly: true });
    });
  });

  describe('8. the voucher: asked, not excluded', () => {
    it('passes whether or not the voucher was used', () => {
      expect(outcomeOf('voucher-asked', facts({ answers: { voucherUsed: true } }))).toBe('eligible');
      expect(outcomeOf('voucher-asked', facts({ answers: { voucherUsed: false } }))).toBe('eligible');
    });
    it('asks for the answer when a claim has none (taken under an older questionnaire)', () => {
      const { voucherUsed: _v, ...without } = facts().answers;
      const result = evaluate({ ...facts(), answers: without }).results.find((r) => r.rule === 'voucher-asked');
      expect(result).toEqual({ rule: 'voucher-asked', outcome: 'needs_information', missing: ['voucherUsed'] });
    });
  });

  describe('9. US residents go to a separate track', () => {
    it('sends a US resident to review', () => {
      expect(outcomeOf('us-track', facts({ answers: { usResident: true } }))).toBe('manual_review');
    });
  });

  describe('signals', () => {
    it('sends a signature that differs from the name to review', () => {
      expect(outcomeOf('signature-name', facts({ signals: { signatureMatchesName: false } }))).toBe('manual_review');
    });
    it('sends a burst from one network to review at five claims, for staff only', () => {
      expect(outcomeOf('ip-burst', facts({ signals: { sameIpClaims24h: 4 } }))).toBe('eligible');
      expect(evaluate(facts({ signals: { sameIpClaims24h: 5 } })).results.find((r) => r.rule === 'ip-burst')).toEqual({ rule: 'ip-burst', outcome: 'manual_review', staffOnly: true });
    });
  });

  describe('damages', () => {
    it.each([
      [['name_email'], false, 200_000],
      [['phone_address'], false, 230_000],
      [['order_history'], false, 250_000],
      [['entry_code'], false, 280_000],
      [['entry_code'], true, 300_000],
      [[], true, 220_000],
    ])('prices %j with secondary harm %s at %d won', (exposedData, secondaryHarm, won) => {
      expect(estimateDamages(def.damages, { exposedData, secondaryHarm }).amountWon).toBe(won);
    });

    it('keeps every claim between 200,000 and 300,000 won', () => {
      fc.assert(
        fc.property(fc.subarray(['name_email', 'phone_address', 'order_history', 'entry_code']), fc.boolean(), (exposedData, secondaryHarm) => {
          const { amountWon } = estimateDamages(def.damages, { exposedData, secondaryHarm });
          expect(amountWon).toBeGreaterThanOrEqual(200_000);
          expect(amountWon).toBeLessThanOrEqual(300_000);
        }),
      );
    });
  });

  it('asks for the detail of secondary harm only when there was some', () => {
    const validate = answersValidator(def.questionnaire);
    expect(validate({ ...facts().answers, secondaryHarm: true }, '2026-01-10')).toEqual([expect.objectContaining({ question: 'secondaryHarmDetail', code: 'isDefined' })]);
    expect(validate({ ...facts().answers, secondaryHarmDetail: '문자' }, '2026-01-10')).toEqual([expect.objectContaining({ question: 'secondaryHarmDetail', code: 'notAsked' })]);
    expect(validate({ ...facts().answers, learnedOn: '2025-06-23' }, '2026-01-10')).toEqual([expect.objectContaining({ question: 'learnedOn', code: 'dateRange' })]);
  });
});
