import { type Answers, isShown, type Questionnaire } from '@app/eligibility';
import { normaliseTypedDate } from '../validation/korean-formats';

/** An HTML form as @fastify/formbody hands it over: a field sent twice is a list. */
export type FormBody = Record<string, unknown>;

/** A field's single value, trimmed; '' when absent, sent twice or not text. */
export function field(form: FormBody, name: string): string {
  const value = Object.prototype.hasOwnProperty.call(form, name) ? form[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

/** Every value of a field (checkboxes sharing a name), empty strings dropped. */
export function fieldList(form: FormBody, name: string): string[] {
  const value = Object.prototype.hasOwnProperty.call(form, name) ? form[name] : undefined;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** The form field of a question. */
export const questionField = (id: string) => `q.${id}`;

/**
 * A case's answers from its form: yes/no radios as booleans, checkboxes as lists (a list is
 * an answer only if the question was on the page, which a hidden empty field of the same name
 * says), dates as typed people write them, text trimmed. Answers to questions the other answers
 * hide are dropped, as the page would have hidden them. Anything odd is passed on as it came,
 * for the questionnaire's validator to name.
 */
export function answersFromForm(questionnaire: Questionnaire, form: FormBody, today: string): Answers {
  const answers: Answers = {};
  for (const q of questionnaire.questions) {
    const name = questionField(q.id);
    if (!Object.prototype.hasOwnProperty.call(form, name)) continue;
    const raw = field(form, name);
    switch (q.type) {
      case 'yes_no':
        if (raw === 'yes') answers[q.id] = true;
        else if (raw === 'no') answers[q.id] = false;
        else if (raw !== '') answers[q.id] = raw;
        break;
      case 'multiple_choice':
        answers[q.id] = fieldList(form, name);
        break;
      case 'date':
        if (raw !== '') answers[q.id] = normaliseTypedDate(raw, today);
        break;
      default:
        if (raw !== '') answers[q.id] = raw.normalize('NFC');
    }
  }
  for (const q of questionnaire.questions) if (!isShown(q, answers)) delete answers[q.id];
  return answers;
}

/** Consent checkboxes (`consent.<purpose>`): ticked is true, anything else false. */
export function consentsFromForm(purposes: string[], form: FormBody): Record<string, boolean> {
  return Object.fromEntries(purposes.map((purpose) => [purpose, field(form, `consent.${purpose}`) === 'yes']));
}

/**
 * The identity step's fields as the DTO expects them: who files, the claimant and, when a
 * guardian files, the guardian; dates as typed people write them.
 */
export function identityFromForm(form: FormBody, today: string) {
  const filer = field(form, 'filer');
  const date = (name: string) => {
    const raw = field(form, name);
    return raw === '' ? raw : normaliseTypedDate(raw, today);
  };
  const person = {
    name: field(form, 'claimant.name').normalize('NFC'),
    birthDate: date('claimant.birthDate'),
    phone: field(form, 'claimant.phone'),
    address: { postalCode: field(form, 'claimant.address.postalCode'), line1: field(form, 'claimant.address.line1'), line2: field(form, 'claimant.address.line2') },
  };
  const guardian =
    filer === 'guardian'
      ? { name: field(form, 'guardian.name').normalize('NFC'), birthDate: date('guardian.birthDate'), relation: field(form, 'guardian.relation'), phone: field(form, 'guardian.phone') }
      : undefined;
  return { filer, claimant: person, ...(guardian ? { guardian } : {}) };
}
