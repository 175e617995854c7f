import { type DamageModel, estimateDamages } from './damage-model';
import type { EvidenceRequest } from './evidence-kinds';
import { inspect, type Logic } from './logic';
import { type Question, QUESTION_TYPES, type Questionnaire } from './questionnaire';
import { FACT_PATHS, type RuleSet, VERDICTS, STAFF_REQUEST_RULE } from './rule-set';
import type { Bilingual } from './text';

/** One reason a definition cannot be saved: which part, which item in it, and why. */
export interface DefinitionProblem {
  part: string;
  item: string;
  message: string;
}

const ID = /^[a-z][a-zA-Z0-9_-]{0,59}$/;
const VERSION = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,59}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ProblemList {
  readonly problems: DefinitionProblem[] = [];
  constructor(private readonly part: string) {}
  add(item: string, message: string): void {
    this.problems.push({ part: this.part, item, message });
  }
  bilingual(item: string, text: unknown, what = 'text'): void {
    const t = text as Partial<Bilingual> | undefined;
    if (!t || typeof t !== 'object') return this.add(item, `${what} is missing`);
    for (const lang of ['ko', 'en'] as const) {
      if (typeof t[lang] !== 'string' || t[lang]!.trim() === '') this.add(item, `${what} has no ${lang === 'ko' ? 'Korean' : 'English'} version`);
    }
  }
  version(value: unknown): void {
    if (typeof value !== 'string' || !VERSION.test(value)) this.add('version', 'version must be 1 to 60 letters, digits, ".", "_" or "-"');
  }
}

export function checkQuestionnaire(q: Questionnaire): DefinitionProblem[] {
  const out = new ProblemList('questionnaire');
  out.version(q?.version);
  if (!Array.isArray(q?.questions) || q.questions.length === 0) {
    out.add('questions', 'a questionnaire needs at least one question');
    return out.problems;
  }
  const seen = new Set<string>();
  for (const [index, question] of q.questions.entries()) {
    const item = typeof question?.id === 'string' ? question.id : `#${index + 1}`;
    if (typeof question?.id !== 'string' || !ID.test(question.id)) out.add(item, 'id must start with a lower-case letter and hold only letters, digits, "_" or "-"');
    else if (seen.has(question.id)) out.add(item, 'the id is used twice');
    if (!QUESTION_TYPES.includes(question?.type)) out.add(item, `type must be one of ${QUESTION_TYPES.join(', ')}`);
    out.bilingual(item, question?.text, 'the question text');
    if (question?.help !== undefined) out.bilingual(item, question.help, 'the help text');
    checkQuestionShape(out, item, question);
    if (question?.showIf !== undefined) {
      checkLogic(out, item, question.showIf, (path) => {
        const id = answerId(path);
        if (id === null) return `showIf may read answers only, not "${path}"`;
        if (!seen.has(id)) return `showIf reads "${id}", which is not an earlier question`;
        return null;
      }, new Map(q.questions.map((x) => [x.id, x])));
    }
    if (typeof question?.id === 'string') seen.add(question.id);
  }
  return out.problems;
}

function checkQuestionShape(out: ProblemList, item: string, q: Question): void {
  const choice = q.type === 'single_choice' || q.type === 'multiple_choice';
  if (choice) {
    if (!Array.isArray(q.options) || q.options.length < 2) return out.add(item, 'a choice question needs at least two options');
    const values = new Set<string>();
    for (const o of q.options) {
      if (typeof o?.value !== 'string' || !ID.test(o.value)) out.add(item, `option "${String(o?.value)}" must be a lower-case id`);
      else if (values.has(o.value)) out.add(item, `option "${o.value}" is listed twice`);
      else values.add(o.value);
      out.bilingual(item, o?.label, `the label of option "${String(o?.value)}"`);
    }
  } else if (q.options !== undefined) out.add(item, 'only choice questions have options');
  if (q.type === 'multiple_choice') {
    const min = q.minItems ?? 0;
    const max = q.maxItems ?? q.options?.length ?? 0;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < Math.max(min, 1) || max > (q.options?.length ?? 0)) {
      out.add(item, 'minItems and maxItems cannot hold: need 0 ≤ minItems ≤ maxItems ≤ the number of options');
    }
  }
  if (q.type === 'date') {
    for (const [name, bound] of [['minDate', q.minDate], ['maxDate', q.maxDate]] as const) {
      if (bound !== undefined && bound !== 'today' && !(typeof bound === 'string' && DATE.test(bound))) out.add(item, `${name} must be YYYY-MM-DD or "today"`);
    }
    if (q.minDate && q.maxDate && q.minDate !== 'today' && q.maxDate !== 'today' && q.minDate > q.maxDate) out.add(item, 'minDate is after maxDate: no date can be answered');
  }
  if (q.type === 'short_text' && q.maxLength !== undefined && (!Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > 2000)) {
    out.add(item, 'maxLength must be between 1 and 2000');
  }
}

/** The kinds of evidence a case asks for: ids, texts, and conditions over answers and who files. */
export function checkEvidenceRequest(request: EvidenceRequest | undefined, questionnaire: Questionnaire): DefinitionProblem[] {
  const out = new ProblemList('evidence');
  if (request === undefined) return [];
  if (!Array.isArray(request?.kinds) || request.kinds.length === 0) {
    out.add('kinds', 'evidence needs a list of kinds (or leave the part out)');
    return out.problems;
  }
  const questions = new Map((questionnaire?.questions ?? []).map((q) => [q.id, q]));
  const seen = new Set<string>();
  for (const [index, kind] of request.kinds.entries()) {
    const item = typeof kind?.id === 'string' ? kind.id : `#${index + 1}`;
    if (typeof kind?.id !== 'string' || !/^[a-z][a-z0-9_]{1,39}$/.test(kind.id)) out.add(item, 'id must be a lower-case id (letters, digits, "_")');
    else if (seen.has(kind.id)) out.add(item, 'the id is used twice');
    seen.add(kind?.id);
    out.bilingual(item, kind?.label, 'the label');
    if (kind?.help !== undefined) out.bilingual(item, kind.help, 'the help text');
    if (kind?.showIf !== undefined) {
      checkLogic(out, item, kind.showIf, (path) => {
        if (path === 'filer.guardian') return null;
        const id = answerId(path);
        return id !== null && questions.has(id) ? null : `showIf reads "${path}"; it may read the questionnaire's answers and filer.guardian`;
      }, questions);
    }
  }
  return out.problems;
}

export function checkRuleSet(rules: RuleSet, questionnaire: Questionnaire, evidence?: EvidenceRequest): DefinitionProblem[] {
  const out = new ProblemList('rules');
  out.version(rules?.version);
  if (!Number.isInteger(rules?.cureDays) || rules.cureDays < 1 || rules.cureDays > 365) out.add('cureDays', 'cureDays must be a whole number of days from 1 to 365');
  if (!Array.isArray(rules?.rules) || rules.rules.length === 0) {
    out.add('rules', 'a rule set needs at least one rule');
    return out.problems;
  }
  const questions = new Map((questionnaire?.questions ?? []).map((q) => [q.id, q]));
  const kinds = new Set((Array.isArray(evidence?.kinds) ? evidence.kinds : []).map((k) => k?.id));
  const readable = (path: string): string | null => {
    const kind = /^evidence\.([^.]+)$/.exec(path)?.[1];
    if (kind !== undefined) return kinds.has(kind) ? null : `reads "${path}", but "${kind}" is not a kind of evidence the case asks for`;
    const id = answerId(path);
    if (id !== null) return questions.has(id) ? null : `reads answer "${id}", which no question asks`;
    return FACT_PATHS.has(path) ? null : `reads "${path}", which is neither an answer nor a known fact (${[...FACT_PATHS].join(', ')})`;
  };
  const seen = new Set<string>();
  for (const [index, rule] of rules.rules.entries()) {
    const item = typeof rule?.id === 'string' ? rule.id : `#${index + 1}`;
    if (typeof rule?.id !== 'string' || !ID.test(rule.id)) out.add(item, 'id must start with a lower-case letter and hold only letters, digits, "_" or "-"');
    else if (seen.has(rule.id)) out.add(item, 'the id is used twice');
    else if (rule.id === STAFF_REQUEST_RULE) out.add(item, `the id "${STAFF_REQUEST_RULE}" is kept for what staff ask a claimant for`);
    seen.add(rule?.id);
    if (!VERDICTS.includes(rule?.onFail) || (rule.onFail as string) === 'eligible') out.add(item, 'onFail must be ineligible, needs_information or manual_review');
    if (rule?.onFail === 'needs_information') {
      if (!rule.deficiency || typeof rule.deficiency.item !== 'string' || !ID.test(rule.deficiency.item)) {
        out.add(item, 'a needs_information rule must name the deficiency item to ask for');
      } else out.bilingual(item, rule.deficiency.text, 'the deficiency text');
      if (rule.deficiency?.evidence !== undefined && !kinds.has(rule.deficiency.evidence)) {
        out.add(item, `the deficiency is cured by "${String(rule.deficiency.evidence)}", which is not a kind of evidence the case asks for`);
      }
    }
    out.bilingual(item, rule?.reason?.fail, 'the failure reason');
    if (rule?.reason?.pass !== undefined) out.bilingual(item, rule.reason.pass, 'the pass reason');
    const shape = checkLogic(out, item, rule?.passes, readable, questions);
    if (shape && shape.vars.length === 0) out.add(item, 'the condition reads nothing from the claim, so its outcome is fixed: one branch is unreachable');
    for (const [name, logic] of Object.entries(rule?.params ?? {})) checkLogic(out, `${item}.params.${name}`, logic, readable, questions);
    for (const text of [rule?.reason?.pass, rule?.reason?.fail]) {
      for (const m of `${text?.ko ?? ''} ${text?.en ?? ''}`.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)) {
        if (!(m[1] in (rule.params ?? {}))) out.add(item, `the reason uses {${m[1]}}, which params does not define`);
      }
    }
  }
  return out.problems;
}

export function checkDamageModel(model: DamageModel, questionnaire: Questionnaire): DefinitionProblem[] {
  const out = new ProblemList('damages');
  out.version(model?.version);
  const won = (name: string, value: unknown, min = 0) => {
    if (!Number.isSafeInteger(value) || (value as number) < min) out.add(name, `${name} must be a whole number of won, at least ${min}`);
  };
  won('baseWon', model?.baseWon);
  won('minWon', model?.minWon, 1);
  won('maxWon', model?.maxWon, 1);
  won('roundingWon', model?.roundingWon, 1);
  out.bilingual('baseLabel', model?.baseLabel, 'the base amount label');
  if (model?.minWon > model?.maxWon) out.add('bounds', `minWon (${model.minWon}) is above maxWon (${model.maxWon}): no amount can hold`);
  if (model?.roundingWon > 0 && (model.minWon % model.roundingWon !== 0 || model.maxWon % model.roundingWon !== 0)) {
    out.add('bounds', 'minWon and maxWon must be multiples of roundingWon, or a clamped amount is not a rounded one');
  }
  const tierQuestion = questionnaire?.questions?.find((q) => q.id === model?.tiers?.question);
  if (!tierQuestion || (tierQuestion.type !== 'multiple_choice' && tierQuestion.type !== 'single_choice')) {
    out.add('tiers', `tiers.question "${String(model?.tiers?.question)}" must be a choice question of the questionnaire`);
  }
  const options = new Set(tierQuestion?.options?.map((o) => o.value) ?? []);
  const levels = Array.isArray(model?.tiers?.levels) ? model.tiers.levels : [];
  if (levels.length === 0) out.add('tiers', 'at least one tier level is needed');
  let previous = -Infinity;
  for (const level of levels) {
    const item = `tier:${String(level?.option)}`;
    if (tierQuestion && !options.has(level?.option)) out.add(item, `"${String(level?.option)}" is not an option of ${tierQuestion.id}`);
    won(item, level?.addWon);
    if (level?.addWon < previous) out.add(item, 'a more sensitive tier adds less than the one before it, so more harm would lower the amount');
    previous = level?.addWon;
    out.bilingual(item, level?.label, 'the tier label');
  }
  if (model?.tiers?.always !== undefined && !levels.some((l) => l.option === model.tiers.always)) out.add('tiers', 'tiers.always must be one of the levels');
  const questions = new Map((questionnaire?.questions ?? []).map((q) => [q.id, q]));
  for (const [index, addition] of (Array.isArray(model?.additions) ? model.additions : []).entries()) {
    const item = `add:${typeof addition?.id === 'string' ? addition.id : `#${index + 1}`}`;
    if (typeof addition?.id !== 'string' || !ID.test(addition.id)) out.add(item, 'id must be a lower-case id');
    won(item, addition?.addWon);
    out.bilingual(item, addition?.label, 'the addition label');
    const shape = checkLogic(out, item, addition?.when, (path) => {
      const id = answerId(path);
      return id !== null && questions.has(id) ? null : `reads "${path}"; an addition may read the questionnaire's answers only`;
    }, questions);
    if (shape && shape.vars.length === 0) out.add(item, 'the condition reads no answer, so the addition is always or never paid');
  }
  if (!Array.isArray(model?.additions)) out.add('additions', 'additions must be a list (it may be empty)');
  if (out.problems.length === 0) {
    // The bounds hold for every combination the model can price: cheapest and dearest claims.
    const lowest = estimateDamages(model, {}).amountWon;
    if (lowest < model.minWon || lowest > model.maxWon) out.add('bounds', 'the amount for a claim with no additions falls outside the bounds');
  }
  return out.problems;
}

/** Checks a JsonLogic condition's operators, the paths it reads and the literals it compares answers with. */
function checkLogic(
  out: ProblemList,
  item: string,
  logic: Logic,
  readable: (path: string) => string | null,
  questions: Map<string, Question>,
): ReturnType<typeof inspect> | null {
  if (logic === undefined) {
    out.add(item, 'the condition is missing');
    return null;
  }
  const shape = inspect(logic);
  for (const op of new Set(shape.unknownOperators)) out.add(item, `the operation "${op}" is not allowed`);
  for (const path of new Set(shape.vars)) {
    const problem = readable(path);
    if (problem) out.add(item, problem);
  }
  for (const { path, literal } of shape.comparisons) {
    const q = questions.get(answerId(path) ?? '');
    if (!q) continue;
    const possible =
      q.type === 'yes_no' ? [true, false, null] : q.options ? [...q.options.map((o) => o.value), null] : null;
    if (possible && !possible.includes(literal as never)) {
      out.add(item, `compares ${q.id} with ${JSON.stringify(literal)}, which is not a possible answer: that outcome is unreachable`);
    }
  }
  return shape;
}

function answerId(path: string): string | null {
  const m = /^answers\.([^.]+)$/.exec(path);
  return m ? m[1] : null;
}
