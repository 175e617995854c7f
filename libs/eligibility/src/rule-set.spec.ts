import fc from 'fast-check';
import type { Questionnaire } from './questionnaire';
import { describeResult, evaluateRules, type RuleFacts, type RuleSet, SEVERITY, strictest, VERDICTS, type Verdict } from './rule-set';

const t = (s: string) => ({ ko: `${s} 한국어`, en: `${s} English` });

const QUESTIONS: Questionnaire = {
  version: 'q1',
  questions: [
    { id: 'member', type: 'yes_no', text: t('member?') },
    { id: 'harm', type: 'yes_no', text: t('harm?') },
    { id: 'reported', type: 'yes_no', text: t('reported?'), showIf: { '==': [{ var: 'answers.harm' }, true] } },
    { id: 'learnedOn', type: 'date', text: t('learned on') },
  ],
};

const RULES: RuleSet = {
  version: 'r1',
  cureDays: 30,
  rules: [
    { id: 'member', passes: { '==': [{ var: 'answers.member' }, true] }, onFail: 'ineligible', reason: { pass: t('a member'), fail: t('not a member') } },
    {
      id: 'adult',
      passes: { '>=': [{ var: 'claimant.age' }, 19] },
      onFail: 'needs_information',
      deficiency: { item: 'guardian', text: t('guardian') },
      reason: { fail: t('minor') },
    },
    {
      id: 'reported',
      passes: { or: [{ '==': [{ var: 'answers.harm' }, false] }, { '==': [{ var: 'answers.reported' }, true] }] },
      onFail: 'needs_information',
      deficiency: { item: 'police-report', text: t('police report') },
      reason: { fail: t('report it') },
    },
    { id: 'same-phone', passes: { '==': [{ var: 'signals.samePhoneClaims' }, 0] }, onFail: 'manual_review', staffOnly: true, reason: { fail: t('same phone') } },
    {
      id: 'limitation',
      passes: { '<=': [{ var: 'today' }, { add_years: [{ var: 'answers.learnedOn' }, { var: 'case.limitationYears' }] }] },
      onFail: 'ineligible',
      params: { ends: { add_years: [{ var: 'answers.learnedOn' }, { var: 'case.limitationYears' }] } },
      reason: { pass: { ko: '{ends}까지', en: 'until {ends}' }, fail: { ko: '{ends}에 끝남', en: 'ended {ends}' } },
    },
  ],
};

const facts = (change: Partial<Omit<RuleFacts, 'answers' | 'signals'>> & { answers?: Record<string, unknown>; signals?: Partial<RuleFacts['signals']> } = {}): RuleFacts => ({
  claimant: { age: 30 },
  case: { limitationYears: 3 },
  today: '2026-01-10',
  ...change,
  answers: { member: true, harm: false, learnedOn: '2025-12-01', ...change.answers },
  signals: { emailVerified: true, identityVerified: null, signatureMatchesName: true, samePhoneClaims: 0, sameIpClaims24h: 1, reportedDeceased: false, ...change.signals },
});
const outcomes = (f: RuleFacts) => Object.fromEntries(evaluateRules(RULES, QUESTIONS, f).results.map((r) => [r.rule, r.outcome]));

describe('evaluateRules', () => {
  it('stores every rule\'s result, and a clean claim is eligible with no deficiency or deadline', () => {
    const e = evaluateRules(RULES, QUESTIONS, facts());
    expect(e).toMatchObject({ verdict: 'eligible', deficiencies: [], cureBy: null, rulesVersion: 'r1' });
    expect(e.results.map((r) => r.rule)).toEqual(['member', 'adult', 'reported', 'same-phone', 'limitation']);
  });

  it('gives each failing rule its outcome, and the verdict is the strictest', () => {
    expect(evaluateRules(RULES, QUESTIONS, facts({ claimant: { age: 17 } })).verdict).toBe('needs_information');
    expect(evaluateRules(RULES, QUESTIONS, facts({ claimant: { age: 17 }, signals: { samePhoneClaims: 1 } })).verdict).toBe('manual_review');
    expect(evaluateRules(RULES, QUESTIONS, facts({ claimant: { age: 17 }, signals: { samePhoneClaims: 1 }, answers: { member: false } })).verdict).toBe('ineligible');
  });

  it('records what to ask for and a cure deadline of cureDays when information is needed', () => {
    const e = evaluateRules(RULES, QUESTIONS, facts({ claimant: { age: 17 }, answers: { harm: true, reported: false } }));
    expect(e.deficiencies).toEqual([
      { rule: 'adult', item: 'guardian' },
      { rule: 'reported', item: 'police-report' },
    ]);
    expect(e.cureBy).toBe('2026-02-09');
  });

  it('still asks for what is missing when a review signal fires, and asks nothing of an ineligible claim', () => {
    const reviewed = evaluateRules(RULES, QUESTIONS, facts({ claimant: { age: 17 }, signals: { samePhoneClaims: 1 } }));
    expect(reviewed).toMatchObject({ verdict: 'manual_review', deficiencies: [{ rule: 'adult', item: 'guardian' }], cureBy: '2026-02-09' });
    const ineligible = evaluateRules(RULES, QUESTIONS, facts({ claimant: { age: 17 }, answers: { member: false } }));
    expect(ineligible).toMatchObject({ verdict: 'ineligible', deficiencies: [], cureBy: null });
  });

  it('asks for a missing answer to a shown question instead of guessing, but not for a hidden one', () => {
    const missing = evaluateRules(RULES, QUESTIONS, facts({ answers: { harm: true } }));
    expect(missing.results.find((r) => r.rule === 'reported')).toEqual({ rule: 'reported', outcome: 'needs_information', missing: ['reported'] });
    expect(missing.deficiencies).toEqual([{ rule: 'reported', item: 'answer:reported' }]);
    // Not shown (no harm): the rule is evaluated on what is there.
    expect(outcomes(facts({ answers: { harm: false } })).reported).toBe('eligible');
  });

  it('marks staff-only results and fills reason parameters', () => {
    const e = evaluateRules(RULES, QUESTIONS, facts({ signals: { samePhoneClaims: 2 } }));
    expect(e.results.find((r) => r.rule === 'same-phone')).toEqual({ rule: 'same-phone', outcome: 'manual_review', staffOnly: true });
    const limitation = e.results.find((r) => r.rule === 'limitation')!;
    expect(limitation.params).toEqual({ ends: '2028-12-01' });
    expect(describeResult(RULES, QUESTIONS, limitation)).toEqual({ ko: '2028-12-01까지', en: 'until 2028-12-01' });
  });

  it('ends the limitation period on the anniversary: the day itself passes, the next fails', () => {
    expect(outcomes(facts({ today: '2028-12-01' })).limitation).toBe('eligible');
    expect(outcomes(facts({ today: '2028-12-02' })).limitation).toBe('ineligible');
  });

  it('describes a missing answer by the question, in both languages', () => {
    const e = evaluateRules(RULES, QUESTIONS, facts({ answers: { harm: true } }));
    const text = describeResult(RULES, QUESTIONS, e.results.find((r) => r.rule === 'reported')!);
    expect(text.ko).toContain('reported? 한국어');
    expect(text.en).toContain('reported? English');
  });

  it('never throws, whatever the answers and signals hold, and always gives a verdict', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('member', 'harm', 'reported', 'learnedOn', 'other'), fc.jsonValue()), fc.jsonValue(), fc.integer(), (answers, phone, age) => {
        const f = { ...facts(), answers, claimant: { age }, signals: { ...facts().signals, samePhoneClaims: phone as number } };
        const e = evaluateRules(RULES, QUESTIONS, f);
        expect(VERDICTS).toContain(e.verdict);
        expect(e.results).toHaveLength(RULES.rules.length);
      }),
    );
  });
});

describe('strictest', () => {
  it('is the most severe outcome of any list (eligible when empty)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Verdict>(...VERDICTS)), (list) => {
        const worst = strictest(list);
        expect(list.every((v) => SEVERITY[v] <= SEVERITY[worst])).toBe(true);
        expect(list.length === 0 ? worst === 'eligible' : list.includes(worst)).toBe(true);
      }),
    );
  });
});
