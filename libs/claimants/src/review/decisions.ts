import type { CaseDefinition } from '@app/cases';
import { addDays, type Bilingual, type DamageModel } from '@app/eligibility';
import type { ClaimStatus } from '../claim-status';
import { deficiencyText } from '../deficiency-text';

/**
 * What a person may decide on a claim, and the checks a decision must pass before anything is
 * written. Pure: the use case loads the claim and the case and writes the result.
 */

/** Why a claim is rejected, as the claimant's email says it (with the staff's own words, if any). */
export const REJECTION_REASONS: Record<string, Bilingual> = {
  'not-in-leak': { ko: '제출하신 자료로는 유출 대상자임을 확인할 수 없었습니다.', en: 'We could not confirm from what you sent that your data was in the leak.' },
  duplicate: { ko: '같은 분의 신청이 이미 접수되어 있어 중복 신청으로 처리했습니다.', en: 'We already have a claim from you, so this one was treated as a duplicate.' },
  'represented-elsewhere': { ko: '같은 청구로 다른 소송이나 분쟁조정에 참여하고 계신 것으로 확인되었습니다.', en: 'You are already part of another suit or mediation for the same claim.' },
  'out-of-time': { ko: '소멸시효(유출을 안 날부터 3년)가 지나 청구할 수 없습니다.', en: 'The limitation period (three years from when you learned of the leak) has passed.' },
  'identity-unproven': { ko: '본인 확인을 마치지 못했습니다.', en: 'We could not verify your identity.' },
  'mandate-invalid': { ko: '소송위임 서명이 유효하지 않습니다(예: 미성년자의 법정대리인 서명 누락).', en: 'The signed mandate is not valid (for example, a minor’s guardian did not sign).' },
  other: { ko: '담당 변호사가 검토한 결과 이번 소송에 참여하기 어렵습니다.', en: 'After review by the attorney, the claim cannot join this suit.' },
};
export type RejectionReason = keyof typeof REJECTION_REASONS;

/** The cure window a deficiency notice gives by default (30 days is the claims administrators' norm), and its limits. */
export const CURE_DAYS_DEFAULT = 30;
export const CURE_DAYS_MIN = 7;
export const CURE_DAYS_MAX = 90;

export type DecisionRequest =
  | { kind: 'approve'; reason: string | null }
  | { kind: 'reject'; code: string; reason: string | null }
  | { kind: 'request_information'; items: string[]; cureBy: string; reason: string | null }
  | { kind: 'override_estimate'; amountWon: number; reason: string }
  | { kind: 'assign'; assigneeId: string | null }
  | { kind: 'resolve_flags'; reason: string | null };

export interface DecisionProblem {
  field: string;
  code: string;
}

/** Statuses each decision may start from; the status machine (claim-status.ts) has the last word. */
const FROM: Record<DecisionRequest['kind'], readonly ClaimStatus[]> = {
  approve: ['screened', 'manual_review'],
  reject: ['submitted', 'screened', 'needs_information', 'manual_review', 'approved'],
  request_information: ['screened', 'manual_review', 'needs_information'],
  override_estimate: ['submitted', 'screened', 'needs_information', 'manual_review', 'approved'],
  assign: ['submitted', 'screened', 'needs_information', 'manual_review', 'approved'],
  resolve_flags: ['submitted', 'screened', 'needs_information', 'manual_review', 'approved', 'rejected', 'filed'],
};

export function mayDecide(kind: DecisionRequest['kind'], status: ClaimStatus, inBatch: boolean): boolean {
  // A claim in a filing batch is the batch's: it leaves it before anyone rejects it or changes its amount.
  if (inBatch && (kind === 'reject' || kind === 'override_estimate')) return false;
  return FROM[kind].includes(status);
}

/** What a staff member may ask a claimant for in this case: each rule's deficiency item and an answer to each question. */
export function requestableItems(def: CaseDefinition): { item: string; text: Bilingual }[] {
  const items = new Map<string, Bilingual>();
  for (const rule of def.rules.rules) if (rule.deficiency && !rule.staffOnly) items.set(rule.deficiency.item, rule.deficiency.text);
  for (const q of def.questionnaire.questions) items.set(`answer:${q.id}`, deficiencyText(def, `answer:${q.id}`));
  return [...items].map(([item, text]) => ({ item, text }));
}

/**
 * Whether what a person typed into a free-text box is text: tabs and line breaks are how people
 * write; other control characters are not text, and half of a surrogate pair is not a character
 * (Postgres refuses a NUL in text and a lone surrogate in jsonb, so either would otherwise end as
 * a 500). Looser than validation's isPlainText, which is for one-line fields such as names.
 */
export function isTypedText(text: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u.test(text);
}

/** A reason's text as given: trimmed, at most 1,000 characters, plain text. */
export function reasonProblem(reason: string | null, required: boolean): DecisionProblem | null {
  if (reason === null || reason.trim() === '') return required ? { field: 'reason', code: 'isDefined' } : null;
  if (reason.length > 1000) return { field: 'reason', code: 'maxLength' };
  if (!isTypedText(reason)) return { field: 'reason', code: 'plainText' };
  return null;
}

/** Checks a decision's own fields against the case; returns every problem at once. */
export function decisionProblems(request: DecisionRequest, def: CaseDefinition, today: string): DecisionProblem[] {
  const problems: (DecisionProblem | null)[] = [];
  switch (request.kind) {
    case 'approve':
    case 'resolve_flags':
      problems.push(reasonProblem(request.reason, false));
      break;
    case 'reject':
      // Own keys only: `in` would also take 'toString' or 'constructor' from the object's prototype.
      if (!Object.hasOwn(REJECTION_REASONS, request.code)) problems.push({ field: 'code', code: 'isIn' });
      problems.push(reasonProblem(request.reason, request.code === 'other'));
      break;
    case 'request_information': {
      const allowed = new Set(requestableItems(def).map((i) => i.item));
      if (request.items.length === 0) problems.push({ field: 'items', code: 'arrayMinSize' });
      else if (request.items.some((i) => !allowed.has(i))) problems.push({ field: 'items', code: 'isIn' });
      else if (new Set(request.items).size !== request.items.length) problems.push({ field: 'items', code: 'arrayUnique' });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(request.cureBy) || request.cureBy < addDays(today, CURE_DAYS_MIN) || request.cureBy > addDays(today, CURE_DAYS_MAX)) {
        problems.push({ field: 'cureBy', code: 'cureWindow' });
      }
      problems.push(reasonProblem(request.reason, false));
      break;
    }
    case 'override_estimate':
      problems.push(amountProblem(request.amountWon, def.damages));
      problems.push(reasonProblem(request.reason, true));
      break;
    case 'assign':
      break;
  }
  return problems.filter((p): p is DecisionProblem => p !== null);
}

/** An override stays within the case's bounds and on its rounding step, as every estimate does. */
export function amountProblem(amountWon: number, model: DamageModel): DecisionProblem | null {
  if (!Number.isSafeInteger(amountWon)) return { field: 'amountWon', code: 'isInt' };
  if (amountWon < model.minWon || amountWon > model.maxWon) return { field: 'amountWon', code: 'amountRange' };
  if (model.roundingWon > 0 && amountWon % model.roundingWon !== 0) return { field: 'amountWon', code: 'amountStep' };
  return null;
}
