import type { ClaimAnswers, DataCategory } from './claim-facts';

/**
 * A case's damage model, set by counsel and stored with the case. Amounts in won.
 * The estimate rises with the most sensitive category that reached the claimant (tiers
 * do not add up: courts price the worst exposure), plus documented secondary harm, and is
 * clamped to the case's bounds.
 */
export interface DamageModel {
  version: string;
  minWon: number;
  maxWon: number;
  tierWon: Record<DataCategory, number>;
  secondaryHarmWon: number;
}

export interface EstimateLine {
  code: string;
  ko: string;
  en: string;
  won: number;
}

export interface Estimate {
  amountWon: number;
  modelVersion: string;
  breakdown: EstimateLine[];
}

const TIER_LABELS: Record<DataCategory, { ko: string; en: string }> = {
  name_email: { ko: '이름·이메일 유출', en: 'Name and email leaked' },
  phone_address: { ko: '전화번호·주소 유출', en: 'Phone number and address leaked' },
  order_history: { ko: '주문 내역 유출', en: 'Order history leaked' },
  entry_code: { ko: '공동현관 출입번호 유출', en: 'Building entry code leaked' },
};
const ORDER: DataCategory[] = ['name_email', 'phone_address', 'order_history', 'entry_code'];

export function estimateDamages(model: DamageModel, answers: Pick<ClaimAnswers, 'exposedData' | 'secondaryHarm'>): Estimate {
  // Every account in the leak lost at least name and email.
  const worst = ORDER.filter((c) => c === 'name_email' || answers.exposedData.includes(c)).pop()!;
  const breakdown: EstimateLine[] = [{ code: `tier:${worst}`, ...TIER_LABELS[worst], won: model.tierWon[worst] }];
  if (answers.secondaryHarm) {
    breakdown.push({ code: 'secondary-harm', ko: '유출 정보를 이용한 스미싱·피싱 피해', en: 'Smishing or phishing using the leaked data', won: model.secondaryHarmWon });
  }
  const raw = breakdown.reduce((sum, line) => sum + line.won, 0);
  const amountWon = Math.min(model.maxWon, Math.max(model.minWon, raw));
  if (amountWon !== raw) {
    breakdown.push({
      code: amountWon > raw ? 'clamp:min' : 'clamp:max',
      ko: amountWon > raw ? '소송 청구 최저액 적용' : '소송 청구 최고액 적용',
      en: amountWon > raw ? 'Raised to the case minimum' : 'Capped at the case maximum',
      won: amountWon - raw,
    });
  }
  return { amountWon, modelVersion: model.version, breakdown };
}
