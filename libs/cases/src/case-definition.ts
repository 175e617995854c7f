import {
  type Bilingual, checkDamageModel, checkEvidenceRequest, type Precheck, checkQuestionnaire, checkRuleSet, type DamageModel, type DefinitionProblem,
  type EvidenceRequest, ProblemList, type Questionnaire, type RuleSet,
} from '@app/eligibility';

export interface ConsentItem {
  /** A lower-case id: collection, third_party, marketing, ... */
  purpose: string;
  required: boolean;
  text: Bilingual;
}

/**
 * A case as counsel reviews it: one JSON document, stored as numbered versions. Each part has
 * its own version string, which the claim (questionnaire, consents, mandate) and every
 * assessment (rules, damages) record; a part's version names one content for good.
 */
export interface CaseDefinition {
  slug: string;
  claimPrefix: string;
  title: Bilingual;
  summary: Bilingual;
  defendant: Bilingual;
  facts: { incidentDisclosedOn: string; accessBeganOn?: string };
  /** ISO 8601 instants with their offset. */
  intake: { opensAt: string; closesAt: string };
  limitationYears: number;
  questionnaire: Questionnaire;
  consents: { version: string; items: ConsentItem[] };
  mandate: { version: string; text: Bilingual };
  rules: RuleSet;
  damages: DamageModel;
  /** The kinds of evidence claimants are asked to upload; rules read their counts. */
  evidence?: EvidenceRequest;
  /** What the public case page says besides the parts above. */
  page?: { faq: { q: Bilingual; a: Bilingual }[]; precheck?: Precheck };
}

export const DEFINITION_PARTS = ['questionnaire', 'consents', 'mandate', 'rules', 'damages'] as const;
export type DefinitionPart = (typeof DEFINITION_PARTS)[number];
/** The parts as the Korean console names them. */
const PART_NAMES: Record<DefinitionPart, string> = { questionnaire: '설문', consents: '동의 항목', mandate: '위임 계약', rules: '심사 규칙', damages: '손해액 모델' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A problem's message, Korean then English. */
const say = (ko: string, en: string): Bilingual => ({ ko, en });
const A_DATE = say('YYYY-MM-DD 형식이어야 합니다.', 'must be YYYY-MM-DD');
const trueOrFalse = (name: string) => say(`${name}는 true 또는 false여야 합니다.`, `${name} must be true or false`);

/** The problem of a document that is not a JSON object at all (the console reports an unparsable upload the same way). */
export function notAnObject(): DefinitionProblem {
  return { part: 'case', item: 'definition', message: say('사건 정의는 JSON 객체여야 합니다.', 'the definition must be a JSON object') };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Everything wrong with a definition, each naming the part, the item and why; empty when it can be saved. */
export function checkDefinition(def: CaseDefinition): DefinitionProblem[] {
  if (typeof def !== 'object' || def === null || Array.isArray(def)) return [notAnObject()];
  const head = new ProblemList('case');
  if (typeof def.slug !== 'string' || !/^[a-z0-9-]{2,60}$/.test(def.slug)) head.add('slug', say('slug는 영문 소문자, 숫자, "-"로 된 2~60자여야 합니다.', 'slug must be 2 to 60 lower-case letters, digits or "-"'));
  if (typeof def.claimPrefix !== 'string' || !/^[A-Z]{2,5}$/.test(def.claimPrefix)) head.add('claimPrefix', say('claimPrefix는 영문 대문자 2~5자여야 합니다.', 'claimPrefix must be 2 to 5 capital letters'));
  head.bilingual('title', def.title, say('제목', 'the title'));
  head.bilingual('summary', def.summary, say('요약', 'the summary'));
  head.bilingual('defendant', def.defendant, say('피고 이름', 'the defendant'));
  if (!DATE.test(String(def.facts?.incidentDisclosedOn))) head.add('facts.incidentDisclosedOn', A_DATE);
  if (def.facts?.accessBeganOn !== undefined && !DATE.test(String(def.facts.accessBeganOn))) head.add('facts.accessBeganOn', A_DATE);
  const opens = instant(def.intake?.opensAt);
  const closes = instant(def.intake?.closesAt);
  if (opens === null) head.add('intake.opensAt', say('시간대 오프셋을 포함한 ISO 8601 시각이어야 합니다(예: 2025-12-01T00:00:00+09:00).', 'must be an ISO 8601 instant with its offset, e.g. 2025-12-01T00:00:00+09:00'));
  if (closes === null) head.add('intake.closesAt', say('시간대 오프셋을 포함한 ISO 8601 시각이어야 합니다.', 'must be an ISO 8601 instant with its offset'));
  if (opens !== null && closes !== null && closes <= opens) head.add('intake', say('접수 마감이 접수 시작보다 빠릅니다.', 'intake closes before it opens'));
  if (!Number.isInteger(def.limitationYears) || def.limitationYears < 1 || def.limitationYears > 20) head.add('limitationYears', say('1에서 20 사이의 정수(연 수)여야 합니다.', 'must be a whole number of years from 1 to 20'));

  const consents = new ProblemList('consents');
  consents.version(def.consents?.version);
  const items = Array.isArray(def.consents?.items) ? def.consents.items : [];
  if (items.length === 0) consents.add('items', say('동의 항목이 하나 이상 있어야 합니다.', 'at least one consent is needed'));
  const purposes = new Set<string>();
  for (const [index, c] of items.entries()) {
    const item = typeof c?.purpose === 'string' ? c.purpose : `#${index + 1}`;
    if (typeof c?.purpose !== 'string' || !/^[a-z][a-z0-9_]{1,39}$/.test(c.purpose)) consents.add(item, say('purpose는 영문 소문자로 시작하는 id여야 합니다.', 'purpose must be a lower-case id'));
    else if (purposes.has(c.purpose)) consents.add(item, say('같은 purpose가 두 번 나옵니다.', 'the purpose is listed twice'));
    purposes.add(c?.purpose);
    if (typeof c?.required !== 'boolean') consents.add(item, trueOrFalse('required'));
    consents.bilingual(item, c?.text, say('동의 내용', 'the consent text'));
  }
  // PIPA: collection and use is the consent without which nothing may be kept.
  if (items.length > 0 && !items.some((c) => c?.purpose === 'collection' && c.required === true)) {
    consents.add('collection', say('필수 "collection" 동의(개인정보 수집·이용)가 있어야 합니다(개인정보 보호법).', 'a required "collection" consent is needed (PIPA)'));
  }

  const page = new ProblemList('page');
  if (def.page !== undefined) {
    if (!Array.isArray(def.page?.faq)) page.add('faq', say('faq는 { q, a }의 목록이어야 합니다.', 'faq must be a list of { q, a }'));
    else def.page.faq.forEach((item, i) => {
      page.bilingual(`faq #${i + 1}`, item?.q, say('질문', 'the question'));
      page.bilingual(`faq #${i + 1}`, item?.a, say('답변', 'the answer'));
    });
    const pre = def.page?.precheck;
    if (pre !== undefined) {
      const questions = new Map((def.questionnaire?.questions ?? []).map((q) => [q.id, q]));
      if (!Array.isArray(pre.questions) || pre.questions.length === 0) page.add('precheck', say('참여 가능 여부 확인(precheck)에는 질문이 하나 이상 있어야 합니다.', 'the pre-check needs at least one question'));
      for (const id of Array.isArray(pre.questions) ? pre.questions : []) {
        const q = questions.get(id);
        if (!q) page.add('precheck', say(`"${String(id)}"은(는) 설문의 질문이 아닙니다.`, `"${String(id)}" is not a question of the questionnaire`));
        else if (q.type !== 'yes_no' && q.type !== 'single_choice') {
          page.add('precheck', say(`"${id}"은(는) ${q.type} 질문입니다. 참여 가능 여부 확인에는 yes_no와 single_choice 질문만 쓸 수 있습니다.`, `"${id}" is a ${q.type} question; the pre-check asks yes/no and single-choice questions`));
        } else if (q.showIf !== undefined) {
          page.add('precheck', say(`"${id}"은(는) 조건이 맞을 때만 묻는 질문입니다. 참여 가능 여부 확인에는 조건 없는 질문만 쓸 수 있습니다.`, `"${id}" is asked only under a condition; the pre-check asks unconditional questions`));
        }
      }
      if (typeof pre.askBirthDate !== 'boolean') page.add('precheck', trueOrFalse('askBirthDate'));
      const ruleIds = new Set((def.rules?.rules ?? []).map((r) => r.id));
      for (const [rule, meaning] of Object.entries(pre.outcomes ?? {})) {
        if (!ruleIds.has(rule)) page.add('precheck', say(`outcomes에 적은 "${rule}"은(는) 규칙이 아닙니다.`, `outcomes names "${rule}", which is not a rule`));
        if (meaning !== 'guardian' && meaning !== 'separate_track') page.add('precheck', say(`"${rule}"의 결과는 guardian 또는 separate_track이어야 합니다.`, `the outcome of "${rule}" must be guardian or separate_track`));
      }
    }
  }

  const mandate = new ProblemList('mandate');
  mandate.version(def.mandate?.version);
  mandate.bilingual('text', def.mandate?.text, say('위임 계약문', 'the mandate'));

  return [
    ...head.problems,
    ...checkQuestionnaire(def.questionnaire),
    ...consents.problems,
    ...mandate.problems,
    ...page.problems,
    ...checkEvidenceRequest(def.evidence, def.questionnaire),
    ...checkRuleSet(def.rules, def.questionnaire, def.evidence),
    ...checkDamageModel(def.damages, def.questionnaire),
  ];
}

/**
 * A part's version string names one content: saving a changed part under a version an earlier
 * version of the case already used is refused, or two claims "under v2" could have seen
 * different texts.
 */
export function checkAgainstHistory(def: CaseDefinition, earlier: CaseDefinition[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const part of DEFINITION_PARTS) {
    const version = (def[part] as { version: string }).version;
    const clash = earlier.find((e) => (e[part] as { version: string }).version === version && canonicalJson(e[part]) !== canonicalJson(def[part]));
    if (clash) {
      problems.push({ part, item: 'version', message: say(`버전 "${version}"은(는) 이미 다른 내용으로 저장되었습니다. 바꾼 ${PART_NAMES[part]}에 새 버전을 붙이십시오.`, `version "${version}" was already saved with other content; give the changed ${part} a new version`) });
    }
  }
  const first = earlier[0];
  if (first && (first.slug !== def.slug || first.claimPrefix !== def.claimPrefix)) {
    problems.push({ part: 'case', item: 'slug', message: say('사건에 버전이 하나라도 있으면 slug와 claimPrefix는 바꿀 수 없습니다(신청 번호와 링크에 쓰입니다).', 'slug and claimPrefix cannot change once a case has versions (claim numbers and links use them)') });
  }
  return problems;
}

/** JSON with sorted keys: the same document always hashes the same, whatever order it was written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function instant(value: unknown): number | null {
  if (typeof value !== 'string' || !INSTANT.test(value)) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}
