import type { ClaimFacts } from './claim-facts';
import { addYears, yearsBetween } from './dates';

export type Verdict = 'eligible' | 'ineligible' | 'needs_information' | 'manual_review';

export interface RuleReason {
  rule: string;
  outcome: Verdict;
  ko: string;
  en: string;
  /**
   * About other people or fraud signals (another claim with this mobile number, many claims
   * from one network): for staff only. A claimant's own screens never show it, or anyone
   * could learn whether a victim's number has filed by filing with it.
   */
  staffOnly?: true;
}

export interface Evaluation {
  verdict: Verdict;
  reasons: RuleReason[];
  rulesVersion: string;
}

/** The first-pass rule set, evaluated right after submission. Versioned: results store it. */
export const INITIAL_RULES_VERSION = 'initial.v1';

/** Korean Civil Act: majority at 19. A minor needs a guardian's mandate. */
const AGE_OF_MAJORITY = 19;
/** Signals that flag for review (a shared IP alone is not proof of fraud). */
export const SAME_IP_REVIEW_THRESHOLD = 5;

// Ineligible beats review beats missing information: there is no point asking someone to
// cure a deficiency in a claim that cannot succeed.
const SEVERITY: Record<Verdict, number> = { eligible: 0, needs_information: 1, manual_review: 2, ineligible: 3 };

export function evaluateInitialRules(facts: ClaimFacts): Evaluation {
  const reasons: RuleReason[] = [];
  const add = (rule: string, outcome: Verdict, ko: string, en: string, staffOnly?: true) =>
    reasons.push(staffOnly ? { rule, outcome, ko, en, staffOnly } : { rule, outcome, ko, en });
  const { answers } = facts;

  if (answers.noticeReceived === 'none') {
    add('in-leaked-set', 'needs_information',
      '유출 통지(문자, 이메일, 앱 화면)를 받은 사실을 확인할 수 없습니다. 통지를 받았다면 캡처를 제출해 주세요.',
      'We cannot confirm you received a breach notice. If you did, upload a screenshot of it.');
  } else {
    add('in-leaked-set', 'eligible', '유출 통지를 받았다고 답했습니다. 통지 캡처로 확인합니다.',
      'You said you received a breach notice; it will be checked against your upload.');
  }

  const age = yearsBetween(facts.birthDate, facts.today);
  if (age < AGE_OF_MAJORITY) {
    add('minor-guardian', 'needs_information',
      '미성년자는 법정대리인이 위임계약에 서명하고 가족관계증명서를 제출해야 합니다.',
      'A minor needs a legal guardian to sign the mandate and provide a family-relation certificate.');
  }

  if (answers.otherRepresentation) {
    add('not-represented-elsewhere', 'ineligible',
      '같은 청구로 다른 소송이나 분쟁조정에 참여 중이면 이 소송에 함께 참여할 수 없습니다.',
      'You cannot join this suit while the same claim is pursued in another suit or mediation.');
  }

  const limitationEnds = addYears(answers.learnedOn, facts.limitationYears);
  if (facts.today > limitationEnds) {
    add('limitation', 'ineligible', `소멸시효(${limitationEnds})가 지났습니다.`, `The limitation period ended on ${limitationEnds}.`);
  }

  if (facts.samePhoneClaims > 0) {
    add('one-person-one-claim', 'manual_review',
      '같은 휴대전화 번호로 접수된 다른 신청이 있어 담당자가 확인합니다.',
      'Another claim uses the same mobile number; staff will check it.', true);
  }
  if (facts.sameIpClaims24h >= SAME_IP_REVIEW_THRESHOLD) {
    add('ip-burst', 'manual_review',
      '같은 네트워크에서 짧은 시간에 여러 신청이 접수되어 담당자가 확인합니다.',
      'Several claims came from the same network in a short time; staff will check them.', true);
  }
  if (!facts.signatureMatchesName) {
    add('signature-name', 'manual_review', '서명 이름이 신청인 이름과 달라 담당자가 확인합니다.',
      'The signed name differs from the claimant name; staff will check it.');
  }
  if (answers.usResident) {
    add('us-track', 'manual_review', '미국 거주자는 별도 절차로 안내합니다.', 'US residents are routed to a separate track.');
  }

  const verdict = reasons.reduce<Verdict>((worst, r) => (SEVERITY[r.outcome] > SEVERITY[worst] ? r.outcome : worst), 'eligible');
  return { verdict, reasons, rulesVersion: INITIAL_RULES_VERSION };
}
