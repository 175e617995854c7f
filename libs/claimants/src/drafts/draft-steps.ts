import { type Answers, answersValidator, type Questionnaire, yearsBetween } from '@app/eligibility';

/**
 * The claim form's steps, in order. Consent comes first, right after the email is proven:
 * PIPA asks for consent before personal data is collected, and the identity step collects it.
 */
export const DRAFT_STEPS = ['consents', 'identity', 'questions', 'evidence', 'mandate', 'review'] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

type Language = 'ko' | 'en';

export interface DraftAddress {
  postalCode: string;
  line1: string;
  line2?: string;
}

/** What a person has typed into the claim form so far; sealed as one document (claim_drafts.data_enc). */
export interface DraftData {
  consents?: { version: string; granted: Record<string, boolean>; language: Language; at: string };
  /** self: the claimant files; guardian: a legal guardian files for a minor. */
  filer?: 'self' | 'guardian';
  claimant?: { name: string; birthDate: string; phone: string; address: DraftAddress };
  guardian?: { name: string; birthDate: string; relation: 'parent' | 'guardian'; phone: string };
  answers?: Answers;
  /** The evidence step was seen (uploads are asked for, not required to go on). */
  evidenceSeen?: boolean;
  signature?: DraftSignature;
}

/** The mandate as signed in the form: what was shown (its version, language and hash), by whom, when and from where. */
export interface DraftSignature {
  typedName: string;
  mandateVersion: string;
  language: Language;
  /** Hex SHA-256 of the exact text shown. */
  textSha256: string;
  signedAt: string;
  ip: string;
  userAgent: string;
}

/** The parts of the case definition a draft is checked against. */
export interface DraftCase {
  consents: { version: string; items: { purpose: string; required: boolean }[] };
  questionnaire: Questionnaire;
  mandate: { version: string };
}

/** Civil Act art. 4: of age at 19. */
export const AGE_OF_MAJORITY = 19;

export function isMinor(birthDate: string, today: string): boolean {
  return yearsBetween(birthDate, today) < AGE_OF_MAJORITY;
}

/**
 * Whether a step is done, given the case as it is now: a consent version or mandate that
 * changed since, or details changed after signing (a different text, so a different hash),
 * reopen the step.
 */
export function stepDone(step: DraftStep, data: DraftData, kase: DraftCase, ctx: { today: string; mandateSha256: string | null }): boolean {
  switch (step) {
    case 'consents':
      return !!data.consents && data.consents.version === kase.consents.version && kase.consents.items.every((c) => !c.required || data.consents!.granted[c.purpose] === true);
    case 'identity':
      return !!data.claimant && (data.filer === 'guardian' ? !!data.guardian : data.filer === 'self');
    case 'questions':
      return !!data.answers && answersValidator(kase.questionnaire)(data.answers, ctx.today).length === 0;
    case 'evidence':
      return data.evidenceSeen === true;
    case 'mandate':
      return !!data.signature && data.signature.mandateVersion === kase.mandate.version && data.signature.textSha256 === ctx.mandateSha256;
    case 'review':
      return false;
  }
}

/** The first step not done: where a person resumes, and how far the form lets them go. */
export function currentStep(data: DraftData, kase: DraftCase, ctx: { today: string; mandateSha256: string | null }): DraftStep {
  return DRAFT_STEPS.find((step) => !stepDone(step, data, kase, ctx)) ?? 'review';
}

/** A step may be opened when every step before it is done (going back to edit is always allowed). */
export function canOpen(step: DraftStep, data: DraftData, kase: DraftCase, ctx: { today: string; mandateSha256: string | null }): boolean {
  return DRAFT_STEPS.indexOf(step) <= DRAFT_STEPS.indexOf(currentStep(data, kase, ctx));
}

export function isDraftStep(value: unknown): value is DraftStep {
  return typeof value === 'string' && (DRAFT_STEPS as readonly string[]).includes(value);
}
