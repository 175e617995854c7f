import { createHash } from 'node:crypto';
import type { CaseDefinition } from './case-definition';

export type Language = 'ko' | 'en';

/** A case as the rest of the system sees it: its identity and the definition in force. */
export interface CaseRecord {
  id: string;
  firmId: string;
  slug: string;
  claimPrefix: string;
  /** The active version's number. */
  version: number;
  definition: CaseDefinition;
  intakeOpensAt: Date;
  intakeClosesAt: Date;
  /** SHA-256 of the mandate text in each language: a signature records the one shown. */
  mandateSha256: Record<Language, Buffer>;
  /** SHA-256 of each consent text in each language, stored with every consent given. */
  consentSha256: Record<string, Record<Language, Buffer>>;
  firm: { nameKo: string; nameEn: string; registrationNo: string };
}

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The hashes a claim records, computed once per loaded version. */
export function textHashes(def: CaseDefinition): Pick<CaseRecord, 'mandateSha256' | 'consentSha256'> {
  return {
    mandateSha256: { ko: sha256(def.mandate.text.ko), en: sha256(def.mandate.text.en) },
    consentSha256: Object.fromEntries(def.consents.items.map((c) => [c.purpose, { ko: sha256(c.text.ko), en: sha256(c.text.en) }])),
  };
}
