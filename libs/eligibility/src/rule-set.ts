import { addDays } from './dates';
import type { Filer } from './evidence-kinds';
import { evaluate, type Logic, truthy } from './logic';
import { type Answers, isAnswered, isRequired, isShown, type Questionnaire } from './questionnaire';
import { type Bilingual, fill } from './text';

export const VERDICTS = ['eligible', 'needs_information', 'manual_review', 'ineligible'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type FailOutcome = Exclude<Verdict, 'eligible'>;

/**
 * Ineligible beats review beats missing information: there is no point asking someone to cure
 * a deficiency in a claim that cannot succeed. The verdict is the strictest outcome.
 */
export const SEVERITY: Record<Verdict, number> = { eligible: 0, needs_information: 1, manual_review: 2, ineligible: 3 };

export function strictest(outcomes: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'eligible';
  for (const o of outcomes) if (SEVERITY[o] > SEVERITY[worst]) worst = o;
  return worst;
}

/**
 * One eligibility rule. `passes` is JsonLogic over the rule facts (see RuleFacts); when it is
 * false the claim gets `onFail`. Reason texts may hold `{name}` placeholders filled from
 * `params`, each a JsonLogic expression over the same facts.
 */
export interface Rule {
  id: string;
  passes: Logic;
  onFail: FailOutcome;
  /**
   * What the claimant must provide; required when onFail is needs_information. `evidence` names
   * the kind of upload that cures it, so the claimant's page can offer that upload.
   */
  deficiency?: { item: string; text: Bilingual; evidence?: string };
  /**
   * About other people or fraud signals: for staff only. A claimant's screens never show it,
   * or anyone could learn whether a victim's number has filed by filing with it.
   */
  staffOnly?: boolean;
  reason: { pass?: Bilingual; fail: Bilingual };
  params?: Record<string, Logic>;
}

export interface RuleSet {
  version: string;
  /** Days a claimant has to cure a deficiency (30 is the norm US administrators use). */
  cureDays: number;
  rules: Rule[];
}

/** Verification signals and evidence facts, as the evidence module found them. */
export interface Signals {
  emailVerified: boolean;
  /** null until an identity check has run. */
  identityVerified: boolean | null;
  signatureMatchesName: boolean;
  /** Other claimants of the case with the same mobile number. */
  samePhoneClaims: number;
  /** Claims of the case from the same network in 24 hours, this one included (capped). */
  sameIpClaims24h: number;
  /** Recorded by staff or an identity provider; routes the claim to counsel for heirs. */
  reportedDeceased: boolean;
}

/** Everything a rule may read, by `var` path. */
export interface RuleFacts {
  answers: Answers;
  claimant: { age: number };
  signals: Signals;
  case: { limitationYears: number };
  /** YYYY-MM-DD in Seoul: the day of the evaluation. */
  today: string;
  /** Who filed; a claimant filing for themselves when absent. */
  filer?: Filer;
  /** Files on record per evidence kind (`evidence.<kind>`); none when absent. */
  evidence?: Record<string, number>;
}

/** The var paths a rule may read besides `answers.<question id>` and `evidence.<kind>`. */
export const FACT_PATHS = new Set([
  'claimant.age', 'case.limitationYears', 'today', 'filer.guardian',
  ...(['emailVerified', 'identityVerified', 'signatureMatchesName', 'samePhoneClaims', 'sameIpClaims24h', 'reportedDeceased'] as const).map(
    (s) => `signals.${s}`,
  ),
]);

/**
 * One rule's result as stored with an assessment. Texts are not copied: they live in the rule
 * set version the assessment names, which is immutable (see describeResult).
 */
export interface RuleResult {
  rule: string;
  outcome: Verdict;
  params?: Record<string, string | number | boolean | null>;
  /** Questions a shown, required answer to which was missing. */
  missing?: string[];
  staffOnly?: true;
}

/**
 * Not a rule of any case: the result a staff member's request for information adds to an
 * assessment (its deficiencies are the items they chose), so the claimant's page and notice
 * read it as any other request.
 */
export const STAFF_REQUEST_RULE = 'staff-request';

export interface Deficiency {
  rule: string;
  /** A case-defined item ("breach-notice") or "answer:<question id>". */
  item: string;
}

export interface Evaluation {
  verdict: Verdict;
  results: RuleResult[];
  /** What a needs_information rule asks for, under a needs_information or manual_review verdict. */
  deficiencies: Deficiency[];
  /** YYYY-MM-DD; set when something is asked for. */
  cureBy: string | null;
  rulesVersion: string;
}

/**
 * Evaluates every rule; never throws on a claim's data (a rule that reads a missing answer to a
 * question the claimant was shown asks for it instead of guessing).
 */
export function evaluateRules(ruleSet: RuleSet, questionnaire: Questionnaire, given: RuleFacts): Evaluation {
  const facts: RuleFacts = { ...given, filer: given.filer ?? { guardian: false }, evidence: given.evidence ?? {} };
  const shownRequired = new Set(
    questionnaire.questions.filter((q) => isRequired(q) && isShown(q, facts.answers)).map((q) => q.id),
  );
  const results: RuleResult[] = [];
  const deficiencies: Deficiency[] = [];
  for (const rule of ruleSet.rules) {
    const missing = answersRead(rule).filter((id) => shownRequired.has(id) && !isAnswered(facts.answers[id]));
    let result: RuleResult;
    if (missing.length > 0) {
      result = { rule: rule.id, outcome: 'needs_information', missing };
      deficiencies.push(...missing.map((id) => ({ rule: rule.id, item: `answer:${id}` })));
    } else {
      const passed = safeTruthy(rule.passes, facts);
      result = { rule: rule.id, outcome: passed === null ? 'manual_review' : passed ? 'eligible' : rule.onFail };
      if (!passed && rule.onFail === 'needs_information' && rule.deficiency) deficiencies.push({ rule: rule.id, item: rule.deficiency.item });
      const params = rule.params && paramsOf(rule.params, facts);
      if (params) result.params = params;
    }
    if (rule.staffOnly) result.staffOnly = true;
    results.push(result);
  }
  const verdict = strictest(results.map((r) => r.outcome));
  // What is missing is kept under a review verdict too: the review may be for a staff-only signal
  // the claimant must not learn of, and their screens then ask for the same things a clean claim
  // is asked for (see claimantView). An ineligible claim is asked for nothing: it cannot succeed.
  const asked = verdict === 'needs_information' || verdict === 'manual_review' ? deficiencies : [];
  return {
    verdict,
    results,
    deficiencies: asked,
    cureBy: asked.length > 0 ? addDays(facts.today, ruleSet.cureDays) : null,
    rulesVersion: ruleSet.version,
  };
}

/** The reason a result gives, in both languages, from the rule set it was evaluated under. */
export function describeResult(ruleSet: RuleSet, questionnaire: Questionnaire, result: RuleResult): Bilingual {
  if (result.rule === STAFF_REQUEST_RULE) return { ko: '신청을 검토한 담당자가 추가 자료를 요청했습니다.', en: 'The team reviewing your claim has asked for more information.' };
  const rule = ruleSet.rules.find((r) => r.id === result.rule);
  if (result.missing?.length) {
    const asked = result.missing.map((id) => questionnaire.questions.find((q) => q.id === id)?.text ?? { ko: id, en: id });
    return {
      ko: `다음 질문에 답해 주세요: ${asked.map((t) => t.ko).join(' / ')}`,
      en: `Please answer: ${asked.map((t) => t.en).join(' / ')}`,
    };
  }
  if (!rule) return { ko: result.rule, en: result.rule };
  const text = result.outcome === 'eligible' ? rule.reason.pass : rule.reason.fail;
  if (!text) return result.outcome === 'eligible' ? { ko: '확인되었습니다.', en: 'Checked.' } : { ko: result.rule, en: result.rule };
  return fill(text, result.params as Record<string, string | number> | undefined);
}

/** Every var path a rule reads (its condition and its parameters). */
export function pathsRead(rule: Rule): string[] {
  return [...new Set(collectVars([rule.passes, ...Object.values(rule.params ?? {})]))];
}

/** `answers.<id>` paths a rule reads, as question ids. */
const answerIdsCache = new WeakMap<Rule, string[]>();
export function answersRead(rule: Rule): string[] {
  let ids = answerIdsCache.get(rule);
  if (!ids) {
    ids = [...new Set(collectVars([rule.passes, ...Object.values(rule.params ?? {})]).filter((p) => p.startsWith('answers.')).map((p) => p.split('.')[1]))];
    answerIdsCache.set(rule, ids);
  }
  return ids;
}

function collectVars(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectVars(n, out));
  else if (node && typeof node === 'object') {
    for (const [op, arg] of Object.entries(node)) {
      if (op === 'var') {
        const path = Array.isArray(arg) ? arg[0] : arg;
        if (typeof path === 'string') out.push(path);
      } else collectVars(arg, out);
    }
  }
  return out;
}

/** null when the rule cannot be evaluated on this claim. */
function safeTruthy(logic: Logic, facts: RuleFacts): boolean | null {
  try {
    return truthy(evaluate(logic, facts));
  } catch {
    // The definition was checked when saved, so this is claim data the rule did not foresee:
    // a person looks at it, rather than the claim passing or failing on a guess.
    return null;
  }
}

function paramsOf(params: Record<string, Logic>, facts: RuleFacts): RuleResult['params'] {
  const out: NonNullable<RuleResult['params']> = {};
  for (const [name, logic] of Object.entries(params)) {
    let value: unknown;
    try {
      value = evaluate(logic, facts);
    } catch {
      value = null;
    }
    out[name] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  }
  return out;
}
