import fc from 'fast-check';
import { answersValidator } from './answers-validator';
import type { Questionnaire } from './questionnaire';

const t = (s: string) => ({ ko: `${s} 질문`, en: `${s} question` });
const TODAY = '2026-03-01';

const QUESTIONS: Questionnaire = {
  version: 'q1',
  questions: [
    { id: 'notice', type: 'single_choice', text: t('notice'), options: [{ value: 'leak', label: t('leak') }, { value: 'none', label: t('none') }] },
    { id: 'data', type: 'multiple_choice', text: t('data'), minItems: 1, maxItems: 2, options: ['a', 'b', 'c'].map((v) => ({ value: v, label: t(v) })) },
    { id: 'harm', type: 'yes_no', text: t('harm') },
    { id: 'detail', type: 'short_text', maxLength: 10, text: t('detail'), showIf: { '==': [{ var: 'answers.harm' }, true] } },
    { id: 'note', type: 'short_text', required: false, text: t('note') },
    { id: 'learnedOn', type: 'date', minDate: '2025-06-24', maxDate: 'today', text: t('learned') },
  ],
};
const validate = (answers: unknown) => answersValidator(QUESTIONS)(answers, TODAY);
const valid = () => ({ notice: 'leak', data: ['a'], harm: false, learnedOn: '2025-12-01' } as Record<string, unknown>);
const codes = (answers: unknown) => validate(answers).map((p) => `${p.question}:${p.code}`);

describe('answersValidator', () => {
  it('accepts valid answers, with an optional question left out', () => {
    expect(validate(valid())).toEqual([]);
    expect(validate({ ...valid(), harm: true, detail: '문자 피해', note: '메모' })).toEqual([]);
  });

  it.each([
    ['a string for yes/no', { harm: 'false' }, 'harm:isBoolean'],
    ['a number for a choice', { notice: 1 }, 'notice:isString'],
    ['an option that does not exist', { notice: 'rumour' }, 'notice:isIn'],
    ['a string for a multiple choice', { data: 'a' }, 'data:isArray'],
    ['an unknown option in a list', { data: ['a', 'z'] }, 'data:isIn'],
    ['the same option twice', { data: ['a', 'a'] }, 'data:arrayUnique'],
    ['too many options', { data: ['a', 'b', 'c'] }, 'data:arrayMaxSize'],
    ['too few options', { data: [] }, 'data:arrayMinSize'],
    ['an impossible date', { learnedOn: '2025-02-30' }, 'learnedOn:calendarDate'],
    ['a date in another form', { learnedOn: '2025/12/01' }, 'learnedOn:calendarDate'],
    ['a date before the range', { learnedOn: '2025-06-23' }, 'learnedOn:dateRange'],
    ['a date after today', { learnedOn: '2026-03-02' }, 'learnedOn:dateRange'],
    ['text too long', { harm: true, detail: '가'.repeat(11) }, 'detail:maxLength'],
    ['a control character in text', { note: 'a\u0000b' }, 'note:plainText'],
    ['a bidi override in text', { note: 'a\u202Eb' }, 'note:plainText'],
    ['empty text', { note: '' }, 'note:isDefined'],
    ['an answer to a hidden question', { detail: '숨김' }, 'detail:notAsked'],
    ['an unknown answer id', { isAdmin: true }, 'isAdmin:whitelistValidation'],
  ])('reports %s', (_, change, expected) => {
    expect(codes({ ...valid(), ...change })).toEqual([expected]);
  });

  it('asks for a shown question left unanswered, and not for a hidden or optional one', () => {
    const { harm: _harm, ...withoutHarm } = valid();
    expect(codes(withoutHarm)).toEqual(['harm:isDefined']);
    expect(codes({ ...valid(), harm: true })).toEqual(['detail:isDefined']);
    expect(codes({ ...valid(), harm: null })).toEqual(['harm:isDefined']);
  });

  it("names each question by its own wording, in both languages, in the questionnaire's order", () => {
    const problems = validate({ learnedOn: 'x', notice: 'z', harm: 'x', data: ['a'] });
    expect(problems.map((p) => p.question)).toEqual(['notice', 'harm', 'learnedOn']);
    expect(problems[0].label).toEqual({ ko: 'notice 질문', en: 'notice question' });
  });

  it('refuses answers that are not an object', () => {
    for (const value of [null, [], 'x', 1]) expect(codes(value)).toEqual([':isObject']);
  });

  it('compiles once per questionnaire version object', () => {
    expect(answersValidator(QUESTIONS)).toBe(answersValidator(QUESTIONS));
    expect(answersValidator(structuredClone(QUESTIONS))).not.toBe(answersValidator(QUESTIONS));
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('notice', 'data', 'harm', 'detail', 'note', 'learnedOn', '__proto__', 'constructor'), fc.jsonValue())), (answers) => {
        expect(Array.isArray(validate(answers))).toBe(true);
      }),
    );
  });
});
