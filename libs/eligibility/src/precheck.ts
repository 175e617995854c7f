import { yearsBetween } from './dates';
import type { Answers, Questionnaire } from './questionnaire';
import { evaluateRules, pathsRead, type Rule, type RuleResult, type RuleSet, type Signals } from './rule-set';

/**
 * A case's pre-check: a few of its questions (and, if asked, the date of birth) that tell a
 * person before they start whether and how they can join. It runs the case's own rules, those
 * that read nothing but these answers, so it cannot disagree with the real assessment.
 */
export interface Precheck {
  /** Question ids of the questionnaire, in the order asked (yes/no and single choice). */
  questions: string[];
  /** Ask the date of birth (for rules on the claimant's age). */
  askBirthDate: boolean;
  /** What a failing rule means here, when it is not simply "cannot join" or "will need to show something". */
  outcomes?: Record<string, 'guardian' | 'separate_track'>;
}

export type PrecheckOutcome = 'eligible' | 'needs_information' | 'guardian' | 'separate_track' | 'not_eligible';

export interface PrecheckResult {
  outcome: PrecheckOutcome;
  /** The rules that did not pass, for their reasons. */
  failed: RuleResult[];
}

const ORDER: PrecheckOutcome[] = ['eligible', 'needs_information', 'guardian', 'separate_track', 'not_eligible'];

/** Signals are not known before a claim exists: the pre-check assumes nothing against the person. */
const NO_SIGNALS: Signals = { emailVerified: true, identityVerified: null, signatureMatchesName: true, samePhoneClaims: 0, sameIpClaims24h: 1, reportedDeceased: false };

/**
 * The rules a pre-check can decide: they read only its answers, the age if asked, the date and
 * the case's facts, plus who files and what is uploaded, which before a claim are known: the
 * person asking files for themselves and has uploaded nothing yet.
 */
export function precheckRules(precheck: Precheck, rules: RuleSet): Rule[] {
  const readable = new Set([
    ...precheck.questions.map((id) => `answers.${id}`), 'today', 'case.limitationYears', 'filer.guardian', ...(precheck.askBirthDate ? ['claimant.age'] : []),
  ]);
  return rules.rules.filter((rule) => pathsRead(rule).every((path) => readable.has(path) || path.startsWith('evidence.')));
}

export function runPrecheck(
  precheck: Precheck,
  parts: { questionnaire: Questionnaire; rules: RuleSet; limitationYears: number },
  input: { answers: Answers; birthDate: string | null; today: string },
): PrecheckResult {
  const rules = precheckRules(precheck, parts.rules);
  const asked: Questionnaire = { ...parts.questionnaire, questions: parts.questionnaire.questions.filter((q) => precheck.questions.includes(q.id)) };
  const age = input.birthDate ? yearsBetween(input.birthDate, input.today) : 30;
  const evaluation = evaluateRules({ ...parts.rules, rules }, asked, {
    answers: input.answers,
    claimant: { age },
    signals: NO_SIGNALS,
    case: { limitationYears: parts.limitationYears },
    today: input.today,
    filer: { guardian: false },
    evidence: {},
  });
  const failed = evaluation.results.filter((r) => r.outcome !== 'eligible');
  let outcome: PrecheckOutcome = 'eligible';
  for (const r of failed) {
    const meaning: PrecheckOutcome =
      precheck.outcomes?.[r.rule] ?? (r.outcome === 'ineligible' ? 'not_eligible' : r.outcome === 'needs_information' ? 'needs_information' : 'separate_track');
    if (ORDER.indexOf(meaning) > ORDER.indexOf(outcome)) outcome = meaning;
  }
  return { outcome, failed };
}
