import type { Bilingual } from './text';
import { evaluate, type Logic, truthy } from './logic';

export const QUESTION_TYPES = ['yes_no', 'single_choice', 'multiple_choice', 'date', 'short_text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionOption {
  value: string;
  label: Bilingual;
}

/**
 * One question of a case's form. `showIf` (JsonLogic over `{ answers }`, earlier questions
 * only) hides a question until an answer calls for it; a hidden question is not answered.
 */
export interface Question {
  id: string;
  type: QuestionType;
  text: Bilingual;
  help?: Bilingual;
  /** Default true: a shown question must be answered. */
  required?: boolean;
  /** single_choice and multiple_choice. */
  options?: QuestionOption[];
  /** multiple_choice. */
  minItems?: number;
  maxItems?: number;
  /** date: YYYY-MM-DD or "today" (in Seoul, on the day of the answer). */
  minDate?: string;
  maxDate?: string;
  /** short_text, 200 by default. */
  maxLength?: number;
  showIf?: Logic;
}

export interface Questionnaire {
  version: string;
  questions: Question[];
}

export type Answers = Record<string, unknown>;

export const DEFAULT_TEXT_LENGTH = 200;

/** Whether a question is asked, given the answers so far. */
export function isShown(question: Question, answers: Answers): boolean {
  return question.showIf === undefined || truthy(evaluate(question.showIf, { answers }));
}

export function isRequired(question: Question): boolean {
  return question.required !== false;
}

/** An answer that counts as given. An empty list is an answer ("none of these"). */
export function isAnswered(value: unknown): boolean {
  return value !== undefined && value !== null;
}
