import { type DamageModel, type Estimate, estimateDamages } from './damage-model';
import { yearsBetween } from './dates';
import type { Filer } from './evidence-kinds';
import type { Answers, Questionnaire } from './questionnaire';
import { type Evaluation, evaluateRules, type RuleSet, type Signals } from './rule-set';

/** The parts of a case version an assessment uses. */
export interface AssessmentParts {
  questionnaire: Questionnaire;
  rules: RuleSet;
  damages: DamageModel;
  limitationYears: number;
}

export interface ClaimInput {
  answers: Answers;
  birthDate: string;
  signals: Signals;
  /** YYYY-MM-DD in Seoul. */
  today: string;
  filer?: Filer;
  /** Files on record per evidence kind. */
  evidence?: Record<string, number>;
}

export interface Assessment {
  evaluation: Evaluation;
  estimate: Estimate;
}

/** One claim against one case version: every rule's result, the verdict and the estimate. Pure and total. */
export function assessClaim(parts: AssessmentParts, input: ClaimInput): Assessment {
  const evaluation = evaluateRules(parts.rules, parts.questionnaire, {
    answers: input.answers,
    claimant: { age: yearsBetween(input.birthDate, input.today) },
    signals: input.signals,
    case: { limitationYears: parts.limitationYears },
    today: input.today,
    filer: input.filer,
    evidence: input.evidence,
  });
  return { evaluation, estimate: estimateDamages(parts.damages, input.answers) };
}

/** Whether two results differ in what a person decided on: the verdict or the amount. */
export function resultChanged(a: { verdict: string; estimateWon: number }, b: { verdict: string; estimateWon: number }): boolean {
  return a.verdict !== b.verdict || a.estimateWon !== b.estimateWon;
}
