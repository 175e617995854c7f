import type { DamageModel } from './damage-model';
import { checkDamageModel, checkEvidenceRequest, checkQuestionnaire, checkRuleSet } from './definition-check';
import type { EvidenceRequest } from './evidence-kinds';
import type { Questionnaire } from './questionnaire';
import type { RuleSet } from './rule-set';

const t = (s: string) => ({ ko: `${s} 한국어`, en: `${s} English` });
/** A problem's message: the English given, and Korean text beside it. */
const said = (en: unknown) => ({ ko: expect.stringMatching(/[가-힣]/), en });

const questionnaire = (): Questionnaire => ({
  version: 'q1',
  questions: [
    { id: 'notice', type: 'single_choice', text: t('notice'), options: [{ value: 'leak', label: t('leak') }, { value: 'none', label: t('none') }] },
    { id: 'data', type: 'multiple_choice', text: t('data'), options: ['a', 'b'].map((v) => ({ value: v, label: t(v) })) },
    { id: 'harm', type: 'yes_no', text: t('harm') },
    { id: 'learnedOn', type: 'date', text: t('learned'), minDate: '2025-06-24', maxDate: 'today' },
  ],
});
const rules = (): RuleSet => ({
  version: 'r1',
  cureDays: 30,
  rules: [
    { id: 'notice', passes: { '!=': [{ var: 'answers.notice' }, 'none'] }, onFail: 'needs_information', deficiency: { item: 'notice', text: t('notice') }, reason: { fail: t('no notice') } },
    { id: 'adult', passes: { '>=': [{ var: 'claimant.age' }, 19] }, onFail: 'manual_review', reason: { fail: t('minor') } },
  ],
});
const model = (): DamageModel => ({
  version: 'm1',
  baseWon: 200_000,
  baseLabel: t('base'),
  tiers: { question: 'data', levels: [{ option: 'a', addWon: 0, label: t('a') }, { option: 'b', addWon: 30_000, label: t('b') }] },
  additions: [{ id: 'harm', when: { '==': [{ var: 'answers.harm' }, true] }, addWon: 20_000, label: t('harm') }],
  roundingWon: 10_000,
  minWon: 200_000,
  maxWon: 300_000,
});

describe('definition checks', () => {
  it('accept a clean questionnaire, rule set and model', () => {
    expect(checkQuestionnaire(questionnaire())).toEqual([]);
    expect(checkRuleSet(rules(), questionnaire())).toEqual([]);
    expect(checkDamageModel(model(), questionnaire())).toEqual([]);
  });

  describe('questionnaire', () => {
    it('say each problem in Korean and in English', () => {
      const twice = questionnaire();
      twice.questions[1].id = 'notice';
      expect(checkQuestionnaire(twice)).toContainEqual({ part: 'questionnaire', item: 'notice', message: { ko: '같은 id가 두 번 쓰였습니다.', en: 'the id is used twice' } });
      // A message about a named text names it in both languages too.
      const untranslated = questionnaire();
      untranslated.questions[0].options![1].label.en = '';
      delete (untranslated.questions[2] as Partial<Questionnaire['questions'][number]>).text;
      expect(checkQuestionnaire(untranslated)).toEqual([
        { part: 'questionnaire', item: 'notice', message: { ko: '선택지 "none"의 표시 이름에 영어 문구가 없습니다.', en: 'the label of option "none" has no English version' } },
        { part: 'questionnaire', item: 'harm', message: { ko: '질문 내용이 없습니다.', en: 'the question text is missing' } },
      ]);
    });

    it.each([
      ['a missing English text', (q: Questionnaire) => void delete (q.questions[0].text as Partial<{ en: string }>).en, 'notice', 'the question text has no English version'],
      ['a missing English option label', (q: Questionnaire) => void (q.questions[0].options![1].label.en = ' '), 'notice', 'the label of option "none" has no English version'],
      ['a duplicate id', (q: Questionnaire) => void (q.questions[1].id = 'notice'), 'notice', 'the id is used twice'],
      ['a choice with one option', (q: Questionnaire) => void q.questions[0].options!.pop(), 'notice', 'a choice question needs at least two options'],
      ['minItems above maxItems', (q: Questionnaire) => Object.assign(q.questions[1], { minItems: 2, maxItems: 1 }), 'data', expect.stringContaining('cannot hold')],
      ['minDate after maxDate', (q: Questionnaire) => Object.assign(q.questions[3], { minDate: '2026-01-01', maxDate: '2025-01-01' }), 'learnedOn', expect.stringContaining('no date can be answered')],
      ['showIf reading a later question', (q: Questionnaire) => Object.assign(q.questions[0], { showIf: { var: 'answers.harm' } }), 'notice', expect.stringContaining('not an earlier question')],
      ['an unknown type', (q: Questionnaire) => Object.assign(q.questions[2], { type: 'slider' }), 'harm', expect.stringContaining('type must be one of')],
    ])('refuse %s, naming the question', (_, edit, item, message) => {
      const q = questionnaire();
      edit(q);
      expect(checkQuestionnaire(q)).toContainEqual({ part: 'questionnaire', item, message: said(message) });
    });
  });

  describe('rules', () => {
    it.each([
      ['an unknown answer id', (r: RuleSet) => void (r.rules[0].passes = { var: 'answers.nope' }), 'notice', expect.stringContaining('"nope", which no question asks')],
      ['an unknown fact', (r: RuleSet) => void (r.rules[1].passes = { '>': [{ var: 'claimant.income' }, 1] }), 'adult', expect.stringContaining('"claimant.income"')],
      ['an operation outside the allowed set', (r: RuleSet) => void (r.rules[1].passes = { cat: [{ var: 'claimant.age' }, 'x'] }), 'adult', 'the operation "cat" is not allowed'],
      ['a condition that reads nothing', (r: RuleSet) => void (r.rules[1].passes = { '==': [1, 1] }), 'adult', expect.stringContaining('unreachable')],
      ['a comparison with a value no answer can have', (r: RuleSet) => void (r.rules[0].passes = { '!=': [{ var: 'answers.notice' }, 'rumour'] }), 'notice', expect.stringContaining('"rumour", which is not a possible answer')],
      ['yes/no compared with "yes"', (r: RuleSet) => void (r.rules[1].passes = { '==': [{ var: 'answers.harm' }, 'yes'] }), 'adult', expect.stringContaining('unreachable')],
      ['needs_information without the item to ask for', (r: RuleSet) => void delete r.rules[0].deficiency, 'notice', 'a needs_information rule must name the deficiency item to ask for'],
      ['a missing English reason', (r: RuleSet) => void (r.rules[1].reason.fail.en = ''), 'adult', 'the failure reason has no English version'],
      ['an outcome of "eligible" on failure', (r: RuleSet) => Object.assign(r.rules[1], { onFail: 'eligible' }), 'adult', expect.stringContaining('onFail must be')],
      ['a placeholder with no parameter', (r: RuleSet) => void (r.rules[1].reason.fail = { ko: '{age}세', en: 'age {age}' }), 'adult', 'the reason uses {age}, which params does not define'],
      ['a duplicate id', (r: RuleSet) => void (r.rules[1].id = 'notice'), 'notice', 'the id is used twice'],
    ])('refuse %s, naming the rule', (_, edit, item, message) => {
      const r = rules();
      edit(r);
      expect(checkRuleSet(r, questionnaire())).toContainEqual({ part: 'rules', item, message: said(message) });
    });
  });

  describe('damage model', () => {
    it.each([
      ['bounds that cannot hold', (m: DamageModel) => Object.assign(m, { minWon: 400_000 }), 'bounds', expect.stringContaining('no amount can hold')],
      ['bounds off the rounding step', (m: DamageModel) => Object.assign(m, { maxWon: 305_000 }), 'bounds', expect.stringContaining('multiples of roundingWon')],
      ['a tier that adds less than the one before', (m: DamageModel) => void (m.tiers.levels[1].addWon = -1), 'tier:b', expect.stringContaining('more harm would lower')],
      ['a tier option the question does not offer', (m: DamageModel) => void (m.tiers.levels[1].option = 'z'), 'tier:z', '"z" is not an option of data'],
      ['tiers on a question that is not a choice', (m: DamageModel) => void (m.tiers.question = 'harm'), 'tiers', expect.stringContaining('must be a choice question')],
      ['a missing English tier label', (m: DamageModel) => void (m.tiers.levels[0].label.en = ''), 'tier:a', 'the tier label has no English version'],
      ['an addition reading something other than answers', (m: DamageModel) => void (m.additions[0].when = { var: 'signals.samePhoneClaims' }), 'add:harm', expect.stringContaining('answers only')],
    ])('refuse %s', (_, edit, item, message) => {
      const m = model();
      edit(m);
      expect(checkDamageModel(m, questionnaire())).toContainEqual({ part: 'damages', item, message: said(message) });
    });
  });
});

describe('evidence kinds and the rules that read them', () => {
  const request = (): EvidenceRequest => ({
    kinds: [
      { id: 'notice_shot', label: t('notice screenshot') },
      { id: 'certificate', label: t('certificate'), showIf: { var: 'filer.guardian' } },
      { id: 'harm_proof', label: t('harm proof'), showIf: { '==': [{ var: 'answers.harm' }, true] } },
    ],
  });
  const readsEvidence = (): RuleSet => ({
    version: 'r2',
    cureDays: 30,
    rules: [
      {
        id: 'notice',
        passes: { or: [{ '!=': [{ var: 'answers.notice' }, 'none'] }, { '>': [{ var: 'evidence.notice_shot' }, 0] }] },
        onFail: 'needs_information',
        deficiency: { item: 'notice', text: t('notice'), evidence: 'notice_shot' },
        reason: { fail: t('no notice') },
      },
    ],
  });

  it('accept kinds whose conditions read answers and who files, and rules that read their counts', () => {
    expect(checkEvidenceRequest(request(), questionnaire())).toEqual([]);
    expect(checkRuleSet(readsEvidence(), questionnaire(), request())).toEqual([]);
  });

  it.each([
    ['a duplicate id', (r: EvidenceRequest) => void (r.kinds[1].id = 'notice_shot'), 'notice_shot', 'the id is used twice'],
    ['an id that is not lower-case', (r: EvidenceRequest) => void (r.kinds[0].id = 'Notice'), 'Notice', expect.stringContaining('lower-case id')],
    ['a label without English', (r: EvidenceRequest) => void ((r.kinds[0].label as Partial<{ en: string }>).en = ''), 'notice_shot', 'the label has no English version'],
    ['a condition on a fraud signal', (r: EvidenceRequest) => void (r.kinds[2].showIf = { var: 'signals.samePhoneClaims' }), 'harm_proof', expect.stringContaining('filer.guardian')],
    ['a condition on an unknown question', (r: EvidenceRequest) => void (r.kinds[2].showIf = { var: 'answers.nothing' }), 'harm_proof', expect.stringContaining('answers.nothing')],
  ])('refuse %s, naming the kind', (_, edit, item, message) => {
    const r = request();
    edit(r);
    expect(checkEvidenceRequest(r, questionnaire())).toContainEqual({ part: 'evidence', item, message: said(message) });
  });

  it('refuse a rule that counts a kind the case does not ask for, or names one as a cure', () => {
    const counts = readsEvidence();
    counts.rules[0].passes = { '>': [{ var: 'evidence.selfie' }, 0] };
    expect(checkRuleSet(counts, questionnaire(), request())).toContainEqual({ part: 'rules', item: 'notice', message: said(expect.stringContaining('"selfie" is not a kind of evidence')) });
    const cure = readsEvidence();
    cure.rules[0].deficiency!.evidence = 'selfie';
    expect(checkRuleSet(cure, questionnaire(), request())).toContainEqual({ part: 'rules', item: 'notice', message: said(expect.stringContaining('cured by "selfie"')) });
    // Without an evidence part, no evidence can be read.
    expect(checkRuleSet(readsEvidence(), questionnaire())).not.toEqual([]);
  });
});
