import type { DamageModel } from '@app/eligibility';

export type ConsentPurpose = 'collection' | 'third_party' | 'marketing';

export interface ConsentText {
  ko: string;
  en: string;
  required: boolean;
}

/** A case as the rest of the system sees it. Only cases.repository knows the table. */
export interface CaseRecord {
  id: string;
  firmId: string;
  slug: string;
  claimPrefix: string;
  titleKo: string;
  titleEn: string;
  summaryKo: string;
  summaryEn: string;
  defendant: string;
  incidentDisclosedOn: string;
  intakeOpensAt: Date;
  intakeClosesAt: Date;
  limitationYears: number;
  damageMinWon: number;
  damageMaxWon: number;
  consentVersion: string;
  consentTexts: Record<ConsentPurpose, ConsentText>;
  /** SHA-256 of each consent text (both languages) as shown, stored with every consent given. */
  consentSha256: Record<ConsentPurpose, Buffer>;
  mandateVersion: string;
  mandateTextKo: string;
  mandateTextEn: string;
  mandateSha256: Buffer;
  rulesVersion: string;
  damageModel: DamageModel;
  firm: { nameKo: string; nameEn: string; registrationNo: string };
}
