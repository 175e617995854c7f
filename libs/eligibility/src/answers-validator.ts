import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isCalendarDate } from './dates';
import { type Answers, DEFAULT_TEXT_LENGTH, isAnswered, isRequired, isShown, type Question, type Questionnaire } from './questionnaire';
import type { Bilingual } from './text';

/** One problem with one answer, in the API's field-error vocabulary (see libs/http messages). */
export interface AnswerProblem {
  /** The question id; the API reports it as "answers.<id>". */
  question: string;
  code: string;
  /** The question's wording, so the message names the question as the claimant saw it. */
  label?: Bilingual;
}

export type AnswersValidator = (answers: unknown, today: string) => AnswerProblem[];

/** As isPlainText in the claimant lib: no control, format or unassigned characters (ajv compiles with the u flag). */
const PLAIN_TEXT = '^[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\u2028\\u2029]*$';
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

// One compiler for the process: compiled schemas are cached per questionnaire object, and the
// cases module keeps one object per stored version.
const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new WeakMap<Questionnaire, AnswersValidator>();

/**
 * Validates answers against a questionnaire version: a JSON Schema compiled once per version
 * for types, options, lengths and unknown ids, then what a schema cannot say well: which
 * questions are shown given the other answers, and dates relative to today.
 */
export function answersValidator(questionnaire: Questionnaire): AnswersValidator {
  let validator = compiled.get(questionnaire);
  if (!validator) {
    validator = build(questionnaire);
    compiled.set(questionnaire, validator);
  }
  return validator;
}

function build(questionnaire: Questionnaire): AnswersValidator {
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const schema = {
    type: 'object',
    properties: Object.fromEntries(questionnaire.questions.map((q) => [q.id, schemaOf(q)])),
    additionalProperties: false,
  };
  const check: ValidateFunction = ajv.compile(schema);

  return (answers, today) => {
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return [{ question: '', code: 'isObject' }];
    const problems = new Map<string, AnswerProblem>();
    const put = (question: string, code: string) => {
      if (!problems.has(question)) problems.set(question, { question, code, label: byId.get(question)?.text });
    };
    const given = answers as Answers;
    // A null answer is no answer: reported as missing (below) if the question is asked.
    const present = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== null));
    if (!check(present)) for (const e of check.errors ?? []) put(...fromAjv(e, byId));
    for (const q of questionnaire.questions) {
      const shown = isShown(q, given);
      const answered = isAnswered(given[q.id]);
      if (shown && !answered && isRequired(q)) put(q.id, 'isDefined');
      if (!shown && answered) put(q.id, 'notAsked');
      if (q.type === 'date' && typeof given[q.id] === 'string' && !problems.has(q.id)) {
        const value = given[q.id] as string;
        if (!isCalendarDate(value)) put(q.id, 'calendarDate');
        else if (!withinDates(value, q, today)) put(q.id, 'dateRange');
      }
    }
    // Questionnaire order, so the first message is about the first question on the page.
    return questionnaire.questions.flatMap((q) => problems.get(q.id) ?? []).concat([...problems.values()].filter((p) => !byId.has(p.question)));
  };
}

function schemaOf(q: Question): object {
  switch (q.type) {
    case 'yes_no':
      return { type: 'boolean' };
    case 'single_choice':
      return { type: 'string', enum: q.options!.map((o) => o.value) };
    case 'multiple_choice':
      return {
        type: 'array',
        items: { type: 'string', enum: q.options!.map((o) => o.value) },
        uniqueItems: true,
        minItems: q.minItems ?? 0,
        maxItems: q.maxItems ?? q.options!.length,
      };
    case 'date':
      return { type: 'string', pattern: DATE };
    case 'short_text':
      return { type: 'string', minLength: 1, maxLength: q.maxLength ?? DEFAULT_TEXT_LENGTH, pattern: PLAIN_TEXT };
  }
}

function fromAjv(e: ErrorObject, byId: Map<string, Question>): [string, string] {
  if (e.keyword === 'additionalProperties') return [String((e.params as { additionalProperty: string }).additionalProperty), 'whitelistValidation'];
  const id = e.instancePath.split('/')[1] ?? '';
  const q = byId.get(id);
  switch (e.keyword) {
    case 'type':
      return [id, q?.type === 'yes_no' ? 'isBoolean' : q?.type === 'multiple_choice' && e.instancePath.split('/').length === 2 ? 'isArray' : 'isString'];
    case 'enum':
      return [id, 'isIn'];
    case 'uniqueItems':
      return [id, 'arrayUnique'];
    case 'maxItems':
      return [id, 'arrayMaxSize'];
    case 'minItems':
      return [id, 'arrayMinSize'];
    case 'maxLength':
      return [id, 'maxLength'];
    case 'minLength':
      return [id, 'isDefined'];
    case 'pattern':
      return [id, q?.type === 'date' ? 'calendarDate' : 'plainText'];
    default:
      return [id, 'isIn'];
  }
}

function withinDates(value: string, q: Question, today: string): boolean {
  const resolve = (bound: string | undefined) => (bound === 'today' ? today : bound);
  const min = resolve(q.minDate);
  const max = resolve(q.maxDate);
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}
