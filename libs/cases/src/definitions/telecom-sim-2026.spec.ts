import fc from 'fast-check';
import { answersValidator, estimateDamages, evaluateRules, type RuleFacts, type Verdict } from '@app/eligibility';
import { type CaseDefinition, checkDefinition } from '../case-definition';
import definition from './telecom-sim-2026.json';

const def = definition as unknown as CaseDefinition;

const facts = (change: { answers?: Record<string, unknown>; age?: number; today?: string; signals?: Partial<RuleFacts['signals']> } = {}): RuleFacts => ({
  answers: { subscriber: true, lineType: 'mobile', simDataExposed: ['phone_number'], simReplaced: true, cloningHarm: false, otherSuit: false, learnedOn: '2026-05-02', ...change.answers },
  claimant: { age: change.age ?? 40 },
  signals: { emailVerified: true, identityVerified: null, signatureMatchesName: true, samePhoneClaims: 0, sameIpClaims24h: 1, reportedDeceased: false, ...change.signals },
  case: { limitationYears: def.limitationYears },
  today: change.today ?? '2026-06-01',
});
const evaluate = (f: RuleFacts) => evaluateRules(def.rules, def.questionnaire, f);
const outcomeOf = (rule: string, f: RuleFacts): Verdict => evaluate(f).results.find((r) => r.rule === rule)!.outcome;

describe('telecom-sim-2026 (a fictional demo case)', () => {
  it('is a definition that can be saved, and says it is a demo', () => {
    expect(checkDefinition(def)).toEqual([]);
    expect(def.title.ko).toContain('데모');
    expect(def.title.en).toContain('Demo');
    expect(def.consents.items.map((c) => c.purpose)).toEqual(['collection', 'third_party']);
  });

  it('finds a clean claim eligible', () => {
    expect(evaluate(facts()).verdict).toBe('eligible');
  });

  it.each([
    ['subscriber', { answers: { subscriber: false } }, 'ineligible'],
    ['minor-guardian', { age: 18 }, 'needs_information'],
    ['not-in-other-suit', { answers: { otherSuit: true } }, 'ineligible'],
    ['limitation', { today: '2029-05-03' }, 'ineligible'],
    ['one-person-one-claim', { signals: { samePhoneClaims: 1 } }, 'manual_review'],
    ['signature-name', { signals: { signatureMatchesName: false } }, 'manual_review'],
    ['cloning-reported', { answers: { cloningHarm: true, cloningReported: false } }, 'needs_information'],
  ] as const)('%s passes on a clean claim and fails as it says', (rule, failing, outcome) => {
    expect(outcomeOf(rule, facts())).toBe('eligible');
    expect(outcomeOf(rule, facts(failing as Parameters<typeof facts>[0]))).toBe(outcome);
  });

  it('accepts reported cloning harm, and gives 14 days to cure an unreported one', () => {
    expect(outcomeOf('cloning-reported', facts({ answers: { cloningHarm: true, cloningReported: true } }))).toBe('eligible');
    const e = evaluate(facts({ answers: { cloningHarm: true, cloningReported: false } }));
    expect(e.deficiencies).toEqual([{ rule: 'cloning-reported', item: 'police-report' }]);
    expect(e.cureBy).toBe('2026-06-15');
  });

  it('asks whether cloning was reported only when there was cloning', () => {
    const validate = answersValidator(def.questionnaire);
    expect(validate({ ...facts().answers, cloningReported: true }, '2026-06-01')).toEqual([expect.objectContaining({ question: 'cloningReported', code: 'notAsked' })]);
    expect(validate({ ...facts().answers, cloningHarm: true }, '2026-06-01')).toEqual([expect.objectContaining({ question: 'cloningReported', code: 'isDefined' })]);
    expect(validate({ ...facts().answers, simDataExposed: [] }, '2026-06-01')).toEqual([expect.objectContaining({ question: 'simDataExposed', code: 'arrayMinSize' })]);
  });

  it('prices the most sensitive SIM data plus cloning harm, between 100,000 and 250,000 won', () => {
    expect(estimateDamages(def.damages, { simDataExposed: ['phone_number'] }).amountWon).toBe(100_000);
    expect(estimateDamages(def.damages, { simDataExposed: ['phone_number', 'usim_auth_key'] }).amountWon).toBe(200_000);
    expect(estimateDamages(def.damages, { simDataExposed: ['usim_auth_key'], cloningHarm: true }).amountWon).toBe(250_000);
    fc.assert(
      fc.property(fc.subarray(['phone_number', 'imsi', 'usim_auth_key'], { minLength: 1 }), fc.boolean(), (simDataExposed, cloningHarm) => {
        const { amountWon } = estimateDamages(def.damages, { simDataExposed, cloningHarm });
        expect(amountWon).toBeGreaterThanOrEqual(100_000);
        expect(amountWon).toBeLessThanOrEqual(250_000);
      }),
    );
  });
});
