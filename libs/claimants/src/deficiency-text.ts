import type { CaseDefinition } from '@app/cases';
import type { Bilingual } from '@app/eligibility';

/** How a deficiency is cured on the claimant's page: an upload of a kind, or an answer to a question. */
export function deficiencyCure(def: CaseDefinition, item: string): { evidence?: string; question?: string } {
  if (item.startsWith('answer:')) return { question: item.slice('answer:'.length) };
  const kind = def.rules.rules.find((r) => r.deficiency?.item === item)?.deficiency?.evidence;
  return kind ? { evidence: kind } : {};
}

export function deficiencyText(def: CaseDefinition, item: string): Bilingual {
  if (item.startsWith('answer:')) {
    const q = def.questionnaire.questions.find((x) => `answer:${x.id}` === item);
    if (q) return { ko: `질문에 답해 주세요: ${q.text.ko}`, en: `Please answer: ${q.text.en}` };
  }
  return def.rules.rules.find((r) => r.deficiency?.item === item)?.deficiency?.text ?? { ko: item, en: item };
}
