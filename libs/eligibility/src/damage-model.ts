import { evaluate, type Logic, truthy } from './logic';
import type { Answers } from './questionnaire';
import type { Bilingual } from './text';

/**
 * A case's damage model, set by counsel. Amounts in won. The estimate is a base amount, plus
 * the addition for the most sensitive data category that reached the claimant (tiers do not
 * add up: courts price the worst exposure), plus additions such as documented secondary harm;
 * rounded, then held within the case's bounds.
 */
export interface DamageModel {
  version: string;
  baseWon: number;
  baseLabel: Bilingual;
  tiers: {
    /** The multiple- or single-choice question that says which data reached the claimant. */
    question: string;
    /** Counted whatever was answered (every Coupang account lost at least name and email). */
    always?: string;
    /** Least to most sensitive; additions never fall along the list. */
    levels: { option: string; addWon: number; label: Bilingual }[];
  };
  additions: { id: string; when: Logic; addWon: number; label: Bilingual }[];
  /** Rounded to the nearest multiple, half up. */
  roundingWon: number;
  minWon: number;
  maxWon: number;
}

export interface EstimateLine {
  /** "base", "tier:<option>", "add:<id>", "rounding", "clamp:min" or "clamp:max". */
  code: string;
  won: number;
}

export interface Estimate {
  amountWon: number;
  modelVersion: string;
  /** What the model read, so the amount can be recomputed and explained later. */
  inputs: { tier: string | null; additions: string[] };
  breakdown: EstimateLine[];
}

export function estimateDamages(model: DamageModel, answers: Answers): Estimate {
  const chosen = new Set(asList(answers[model.tiers.question]));
  if (model.tiers.always) chosen.add(model.tiers.always);
  const tier = model.tiers.levels.filter((l) => chosen.has(l.option)).pop() ?? null;
  const additions = model.additions.filter((a) => safeTruthy(a.when, answers));

  const breakdown: EstimateLine[] = [{ code: 'base', won: model.baseWon }];
  if (tier) breakdown.push({ code: `tier:${tier.option}`, won: tier.addWon });
  for (const a of additions) breakdown.push({ code: `add:${a.id}`, won: a.addWon });
  const raw = breakdown.reduce((sum, l) => sum + l.won, 0);
  const rounded = Math.floor(raw / model.roundingWon + 0.5) * model.roundingWon;
  if (rounded !== raw) breakdown.push({ code: 'rounding', won: rounded - raw });
  const amountWon = Math.min(model.maxWon, Math.max(model.minWon, rounded));
  if (amountWon !== rounded) breakdown.push({ code: amountWon > rounded ? 'clamp:min' : 'clamp:max', won: amountWon - rounded });
  return { amountWon, modelVersion: model.version, inputs: { tier: tier?.option ?? null, additions: additions.map((a) => a.id) }, breakdown };
}

/** A breakdown line's label, from the model version that produced it. */
export function describeLine(model: DamageModel, code: string): Bilingual {
  if (code === 'base') return model.baseLabel;
  if (code.startsWith('tier:')) return model.tiers.levels.find((l) => `tier:${l.option}` === code)?.label ?? { ko: code, en: code };
  if (code.startsWith('add:')) return model.additions.find((a) => `add:${a.id}` === code)?.label ?? { ko: code, en: code };
  if (code === 'rounding') return { ko: `${model.roundingWon.toLocaleString('ko-KR')}원 단위 반올림`, en: `Rounded to ${model.roundingWon.toLocaleString('en-US')} won` };
  if (code === 'clamp:min') return { ko: '소송 청구 최저액 적용', en: 'Raised to the case minimum' };
  if (code === 'clamp:max') return { ko: '소송 청구 최고액 적용', en: 'Capped at the case maximum' };
  return { ko: code, en: code };
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function safeTruthy(logic: Logic, answers: Answers): boolean {
  try {
    return truthy(evaluate(logic, { answers }));
  } catch {
    // An addition the claim's data cannot decide is not paid; the model was checked when saved.
    return false;
  }
}
