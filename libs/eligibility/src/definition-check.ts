import { type DamageModel, estimateDamages } from './damage-model';
import type { EvidenceRequest } from './evidence-kinds';
import { inspect, type Logic } from './logic';
import { type Question, QUESTION_TYPES, type Questionnaire } from './questionnaire';
import { FACT_PATHS, type RuleSet, VERDICTS, STAFF_REQUEST_RULE } from './rule-set';
import type { Bilingual } from './text';

/** One reason a definition cannot be saved: which part, which item in it, and why (in both languages). */
export interface DefinitionProblem {
  part: string;
  item: string;
  message: Bilingual;
}

/** A problem's message: Korean first, as the console reads it, then English. */
const say = (ko: string, en: string): Bilingual => ({ ko, en });

/** A Korean word with its subject particle: 이 after a final consonant, 가 after a vowel, 이(가) when it cannot tell. */
function subject(word: string): string {
  const last = word.charCodeAt(word.length - 1);
  if (!(last >= 0xac00 && last <= 0xd7a3)) return `${word}이(가)`;
  return (last - 0xac00) % 28 === 0 ? `${word}가` : `${word}이`;
}

const ID_RULE = say('id는 영문 소문자로 시작하고 영문자, 숫자, "_", "-"만 쓸 수 있습니다.', 'id must start with a lower-case letter and hold only letters, digits, "_" or "-"');
const USED_TWICE = say('같은 id가 두 번 쓰였습니다.', 'the id is used twice');
const HELP_TEXT = say('도움말', 'the help text');

const ID = /^[a-z][a-zA-Z0-9_-]{0,59}$/;
const VERSION = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,59}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ProblemList {
  readonly problems: DefinitionProblem[] = [];
  constructor(private readonly part: string) {}
  add(item: string, message: Bilingual): void {
    this.problems.push({ part: this.part, item, message });
  }
  /** `what` names the text in both languages, e.g. { ko: '질문 내용', en: 'the question text' }. */
  bilingual(item: string, text: unknown, what: Bilingual): void {
    const t = text as Partial<Bilingual> | undefined;
    if (!t || typeof t !== 'object') return this.add(item, say(`${subject(what.ko)} 없습니다.`, `${what.en} is missing`));
    for (const lang of ['ko', 'en'] as const) {
      if (typeof t[lang] !== 'string' || t[lang]!.trim() === '') {
        this.add(item, lang === 'ko' ? say(`${what.ko}에 한국어 문구가 없습니다.`, `${what.en} has no Korean version`) : say(`${what.ko}에 영어 문구가 없습니다.`, `${what.en} has no English version`));
      }
    }
  }
  version(value: unknown): void {
    if (typeof value !== 'string' || !VERSION.test(value)) this.add('version', say('version은 영문자, 숫자, ".", "_", "-"로 된 1~60자여야 합니다.', 'version must be 1 to 60 letters, digits, ".", "_" or "-"'));
  }
}

export function checkQuestionnaire(q: Questionnaire): DefinitionProblem[] {
  const out = new ProblemList('questionnaire');
  out.version(q?.version);
  if (!Array.isArray(q?.questions) || q.questions.length === 0) {
    out.add('questions', say('설문에는 질문이 하나 이상 있어야 합니다.', 'a questionnaire needs at least one question'));
    return out.problems;
  }
  const seen = new Set<string>();
  for (const [index, question] of q.questions.entries()) {
    const item = typeof question?.id === 'string' ? question.id : `#${index + 1}`;
    if (typeof question?.id !== 'string' || !ID.test(question.id)) out.add(item, ID_RULE);
    else if (seen.has(question.id)) out.add(item, USED_TWICE);
    if (!QUESTION_TYPES.includes(question?.type)) out.add(item, say(`type은 ${QUESTION_TYPES.join(', ')} 중 하나여야 합니다.`, `type must be one of ${QUESTION_TYPES.join(', ')}`));
    out.bilingual(item, question?.text, say('질문 내용', 'the question text'));
    if (question?.help !== undefined) out.bilingual(item, question.help, HELP_TEXT);
    checkQuestionShape(out, item, question);
    if (question?.showIf !== undefined) {
      checkLogic(out, item, question.showIf, (path) => {
        const id = answerId(path);
        if (id === null) return say(`showIf는 답변만 읽을 수 있습니다. "${path}"은(는) 답변이 아닙니다.`, `showIf may read answers only, not "${path}"`);
        if (!seen.has(id)) return say(`showIf가 "${id}"을(를) 읽지만, 이 질문보다 앞에 나온 질문이 아닙니다.`, `showIf reads "${id}", which is not an earlier question`);
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
    if (!Array.isArray(q.options) || q.options.length < 2) return out.add(item, say('선택형 질문에는 선택지가 두 개 이상 있어야 합니다.', 'a choice question needs at least two options'));
    const values = new Set<string>();
    for (const o of q.options) {
      const value = String(o?.value);
      if (typeof o?.value !== 'string' || !ID.test(o.value)) out.add(item, say(`선택지 "${value}"의 값은 영문 소문자로 시작하는 id여야 합니다.`, `option "${value}" must be a lower-case id`));
      else if (values.has(o.value)) out.add(item, say(`선택지 "${value}"이(가) 두 번 나옵니다.`, `option "${value}" is listed twice`));
      else values.add(o.value);
      out.bilingual(item, o?.label, say(`선택지 "${value}"의 표시 이름`, `the label of option "${value}"`));
    }
  } else if (q.options !== undefined) out.add(item, say('options는 선택형 질문에만 둘 수 있습니다.', 'only choice questions have options'));
  if (q.type === 'multiple_choice') {
    const min = q.minItems ?? 0;
    const max = q.maxItems ?? q.options?.length ?? 0;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < Math.max(min, 1) || max > (q.options?.length ?? 0)) {
      out.add(item, say('minItems와 maxItems가 맞지 않습니다. 0 ≤ minItems ≤ maxItems ≤ 선택지 수여야 합니다.', 'minItems and maxItems cannot hold: need 0 ≤ minItems ≤ maxItems ≤ the number of options'));
    }
  }
  if (q.type === 'date') {
    for (const [name, bound] of [['minDate', q.minDate], ['maxDate', q.maxDate]] as const) {
      if (bound !== undefined && bound !== 'today' && !(typeof bound === 'string' && DATE.test(bound))) out.add(item, say(`${name}는 YYYY-MM-DD 또는 "today"여야 합니다.`, `${name} must be YYYY-MM-DD or "today"`));
    }
    if (q.minDate && q.maxDate && q.minDate !== 'today' && q.maxDate !== 'today' && q.minDate > q.maxDate) out.add(item, say('minDate가 maxDate보다 늦어 답할 수 있는 날짜가 없습니다.', 'minDate is after maxDate: no date can be answered'));
  }
  if (q.type === 'short_text' && q.maxLength !== undefined && (!Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > 2000)) {
    out.add(item, say('maxLength는 1에서 2000 사이여야 합니다.', 'maxLength must be between 1 and 2000'));
  }
}

/** The kinds of evidence a case asks for: ids, texts, and conditions over answers and who files. */
export function checkEvidenceRequest(request: EvidenceRequest | undefined, questionnaire: Questionnaire): DefinitionProblem[] {
  const out = new ProblemList('evidence');
  if (request === undefined) return [];
  if (!Array.isArray(request?.kinds) || request.kinds.length === 0) {
    out.add('kinds', say('evidence에는 자료 종류 목록(kinds)이 있어야 합니다. 받을 자료가 없으면 이 부분을 빼십시오.', 'evidence needs a list of kinds (or leave the part out)'));
    return out.problems;
  }
  const questions = new Map((questionnaire?.questions ?? []).map((q) => [q.id, q]));
  const seen = new Set<string>();
  for (const [index, kind] of request.kinds.entries()) {
    const item = typeof kind?.id === 'string' ? kind.id : `#${index + 1}`;
    if (typeof kind?.id !== 'string' || !/^[a-z][a-z0-9_]{1,39}$/.test(kind.id)) out.add(item, say('id는 영문 소문자로 시작하고 영문 소문자, 숫자, "_"만 써야 합니다.', 'id must be a lower-case id (letters, digits, "_")'));
    else if (seen.has(kind.id)) out.add(item, USED_TWICE);
    seen.add(kind?.id);
    out.bilingual(item, kind?.label, say('자료 이름', 'the label'));
    if (kind?.help !== undefined) out.bilingual(item, kind.help, HELP_TEXT);
    if (kind?.showIf !== undefined) {
      checkLogic(out, item, kind.showIf, (path) => {
        if (path === 'filer.guardian') return null;
        const id = answerId(path);
        return id !== null && questions.has(id)
          ? null
          : say(`showIf가 "${path}"을(를) 읽습니다. 설문의 답변과 filer.guardian만 읽을 수 있습니다.`, `showIf reads "${path}"; it may read the questionnaire's answers and filer.guardian`);
      }, questions);
    }
  }
  return out.problems;
}

export function checkRuleSet(rules: RuleSet, questionnaire: Questionnaire, evidence?: EvidenceRequest): DefinitionProblem[] {
  const out = new ProblemList('rules');
  out.version(rules?.version);
  if (!Number.isInteger(rules?.cureDays) || rules.cureDays < 1 || rules.cureDays > 365) out.add('cureDays', say('cureDays는 1에서 365 사이의 정수(일 수)여야 합니다.', 'cureDays must be a whole number of days from 1 to 365'));
  if (!Array.isArray(rules?.rules) || rules.rules.length === 0) {
    out.add('rules', say('심사 규칙에는 규칙이 하나 이상 있어야 합니다.', 'a rule set needs at least one rule'));
    return out.problems;
  }
  const questions = new Map((questionnaire?.questions ?? []).map((q) => [q.id, q]));
  const kinds = new Set((Array.isArray(evidence?.kinds) ? evidence.kinds : []).map((k) => k?.id));
  const readable = (path: string): Bilingual | null => {
    const kind = /^evidence\.([^.]+)$/.exec(path)?.[1];
    if (kind !== undefined) {
      return kinds.has(kind) ? null : say(`조건이 "${path}"을(를) 읽지만, "${kind}"은(는) 이 사건이 받는 증빙 자료 종류가 아닙니다.`, `reads "${path}", but "${kind}" is not a kind of evidence the case asks for`);
    }
    const id = answerId(path);
    if (id !== null) return questions.has(id) ? null : say(`조건이 답변 "${id}"을(를) 읽지만, 그 답변을 묻는 질문이 없습니다.`, `reads answer "${id}", which no question asks`);
    const facts = [...FACT_PATHS].join(', ');
    return FACT_PATHS.has(path) ? null : say(`조건이 "${path}"을(를) 읽지만, 답변도 아니고 알려진 사실(${facts})도 아닙니다.`, `reads "${path}", which is neither an answer nor a known fact (${facts})`);
  };
  const seen = new Set<string>();
  for (const [index, rule] of rules.rules.entries()) {
    const item = typeof rule?.id === 'string' ? rule.id : `#${index + 1}`;
    if (typeof rule?.id !== 'string' || !ID.test(rule.id)) out.add(item, ID_RULE);
    else if (seen.has(rule.id)) out.add(item, USED_TWICE);
    else if (rule.id === STAFF_REQUEST_RULE) out.add(item, say(`id "${STAFF_REQUEST_RULE}"은(는) 직원이 신청인에게 보완을 요청하는 데 쓰도록 예약되어 있습니다.`, `the id "${STAFF_REQUEST_RULE}" is kept for what staff ask a claimant for`));
    seen.add(rule?.id);
    if (!VERDICTS.includes(rule?.onFail) || (rule.onFail as string) === 'eligible') out.add(item, say('onFail은 ineligible, needs_information, manual_review 중 하나여야 합니다.', 'onFail must be ineligible, needs_information or manual_review'));
    if (rule?.onFail === 'needs_information') {
      if (!rule.deficiency || typeof rule.deficiency.item !== 'string' || !ID.test(rule.deficiency.item)) {
        out.add(item, say('needs_information 규칙에는 보완을 요청할 항목(deficiency.item)이 있어야 합니다.', 'a needs_information rule must name the deficiency item to ask for'));
      } else out.bilingual(item, rule.deficiency.text, say('보완 요청 안내', 'the deficiency text'));
      if (rule.deficiency?.evidence !== undefined && !kinds.has(rule.deficiency.evidence)) {
        const cure = String(rule.deficiency.evidence);
        out.add(item, say(`보완 자료로 지정한 "${cure}"은(는) 이 사건이 받는 증빙 자료 종류가 아닙니다.`, `the deficiency is cured by "${cure}", which is not a kind of evidence the case asks for`));
      }
    }
    out.bilingual(item, rule?.reason?.fail, say('미충족 사유', 'the failure reason'));
    if (rule?.reason?.pass !== undefined) out.bilingual(item, rule.reason.pass, say('충족 사유', 'the pass reason'));
    const shape = checkLogic(out, item, rule?.passes, readable, questions);
    if (shape && shape.vars.length === 0) out.add(item, say('조건이 신청에서 아무것도 읽지 않아 결과가 늘 같습니다. 한쪽 결과에는 도달할 수 없습니다.', 'the condition reads nothing from the claim, so its outcome is fixed: one branch is unreachable'));
    for (const [name, logic] of Object.entries(rule?.params ?? {})) checkLogic(out, `${item}.params.${name}`, logic, readable, questions);
    for (const text of [rule?.reason?.pass, rule?.reason?.fail]) {
      for (const m of `${text?.ko ?? ''} ${text?.en ?? ''}`.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)) {
        if (!(m[1] in (rule.params ?? {}))) out.add(item, say(`사유에 쓴 {${m[1]}}이(가) params에 정의되어 있지 않습니다.`, `the reason uses {${m[1]}}, which params does not define`));
      }
    }
  }
  return out.problems;
}

export function checkDamageModel(model: DamageModel, questionnaire: Questionnaire): DefinitionProblem[] {
  const out = new ProblemList('damages');
  out.version(model?.version);
  const won = (name: string, value: unknown, min = 0) => {
    if (!Number.isSafeInteger(value) || (value as number) < min) out.add(name, say(`${name} 값은 ${min}원 이상의 정수여야 합니다.`, `${name} must be a whole number of won, at least ${min}`));
  };
  won('baseWon', model?.baseWon);
  won('minWon', model?.minWon, 1);
  won('maxWon', model?.maxWon, 1);
  won('roundingWon', model?.roundingWon, 1);
  out.bilingual('baseLabel', model?.baseLabel, say('기본 금액 이름', 'the base amount label'));
  if (model?.minWon > model?.maxWon) {
    out.add('bounds', say(`minWon(${model.minWon})이 maxWon(${model.maxWon})보다 커서 가능한 금액이 없습니다.`, `minWon (${model.minWon}) is above maxWon (${model.maxWon}): no amount can hold`));
  }
  if (model?.roundingWon > 0 && (model.minWon % model.roundingWon !== 0 || model.maxWon % model.roundingWon !== 0)) {
    out.add('bounds', say('minWon과 maxWon은 roundingWon의 배수여야 합니다. 그렇지 않으면 상한·하한에 맞춘 금액이 반올림 단위에 맞지 않습니다.', 'minWon and maxWon must be multiples of roundingWon, or a clamped amount is not a rounded one'));
  }
  const tierQuestion = questionnaire?.questions?.find((q) => q.id === model?.tiers?.question);
  if (!tierQuestion || (tierQuestion.type !== 'multiple_choice' && tierQuestion.type !== 'single_choice')) {
    const named = String(model?.tiers?.question);
    out.add('tiers', say(`tiers.question("${named}")은 설문의 선택형 질문이어야 합니다.`, `tiers.question "${named}" must be a choice question of the questionnaire`));
  }
  const options = new Set(tierQuestion?.options?.map((o) => o.value) ?? []);
  const levels = Array.isArray(model?.tiers?.levels) ? model.tiers.levels : [];
  if (levels.length === 0) out.add('tiers', say('등급(tiers.levels)이 하나 이상 있어야 합니다.', 'at least one tier level is needed'));
  let previous = -Infinity;
  for (const level of levels) {
    const item = `tier:${String(level?.option)}`;
    const option = String(level?.option);
    if (tierQuestion && !options.has(level?.option)) out.add(item, say(`"${option}"은(는) ${tierQuestion.id} 질문의 선택지가 아닙니다.`, `"${option}" is not an option of ${tierQuestion.id}`));
    won(item, level?.addWon);
    if (level?.addWon < previous) {
      out.add(item, say('더 민감한 등급의 가산액이 앞 등급보다 적습니다. 피해가 클수록 금액이 낮아지게 됩니다.', 'a more sensitive tier adds less than the one before it, so more harm would lower the amount'));
    }
    previous = level?.addWon;
    out.bilingual(item, level?.label, say('등급 이름', 'the tier label'));
  }
  if (model?.tiers?.always !== undefined && !levels.some((l) => l.option === model.tiers.always)) {
    out.add('tiers', say('tiers.always는 levels에 있는 등급 중 하나여야 합니다.', 'tiers.always must be one of the levels'));
  }
  const questions = new Map((questionnaire?.questions ?? []).map((q) => [q.id, q]));
  for (const [index, addition] of (Array.isArray(model?.additions) ? model.additions : []).entries()) {
    const item = `add:${typeof addition?.id === 'string' ? addition.id : `#${index + 1}`}`;
    if (typeof addition?.id !== 'string' || !ID.test(addition.id)) out.add(item, say('id는 영문 소문자로 시작하는 id여야 합니다.', 'id must be a lower-case id'));
    won(item, addition?.addWon);
    out.bilingual(item, addition?.label, say('가산 항목 이름', 'the addition label'));
    const shape = checkLogic(out, item, addition?.when, (path) => {
      const id = answerId(path);
      return id !== null && questions.has(id)
        ? null
        : say(`조건이 "${path}"을(를) 읽습니다. 가산 항목의 조건은 설문의 답변만 읽을 수 있습니다.`, `reads "${path}"; an addition may read the questionnaire's answers only`);
    }, questions);
    if (shape && shape.vars.length === 0) out.add(item, say('조건이 답변을 하나도 읽지 않아, 이 가산액은 늘 붙거나 전혀 붙지 않습니다.', 'the condition reads no answer, so the addition is always or never paid'));
  }
  if (!Array.isArray(model?.additions)) out.add('additions', say('additions는 목록이어야 합니다(비어 있어도 됩니다).', 'additions must be a list (it may be empty)'));
  if (out.problems.length === 0) {
    // The bounds hold for every combination the model can price: cheapest and dearest claims.
    const lowest = estimateDamages(model, {}).amountWon;
    if (lowest < model.minWon || lowest > model.maxWon) out.add('bounds', say('가산 항목이 없는 신청의 금액이 minWon~maxWon 범위를 벗어납니다.', 'the amount for a claim with no additions falls outside the bounds'));
  }
  return out.problems;
}

/** Checks a JsonLogic condition's operators, the paths it reads and the literals it compares answers with. */
function checkLogic(
  out: ProblemList,
  item: string,
  logic: Logic,
  readable: (path: string) => Bilingual | null,
  questions: Map<string, Question>,
): ReturnType<typeof inspect> | null {
  if (logic === undefined) {
    out.add(item, say('조건이 없습니다.', 'the condition is missing'));
    return null;
  }
  const shape = inspect(logic);
  for (const op of new Set(shape.unknownOperators)) out.add(item, say(`"${op}" 연산은 쓸 수 없습니다.`, `the operation "${op}" is not allowed`));
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
      const value = JSON.stringify(literal);
      out.add(item, say(`${q.id} 질문의 답변을 ${value} 값과 비교하지만, 그런 답변은 나올 수 없어 그 결과에는 도달할 수 없습니다.`, `compares ${q.id} with ${value}, which is not a possible answer: that outcome is unreachable`));
    }
  }
  return shape;
}

function answerId(path: string): string | null {
  const m = /^answers\.([^.]+)$/.exec(path);
  return m ? m[1] : null;
}
