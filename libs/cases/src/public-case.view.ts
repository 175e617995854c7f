import type { CaseRecord, ConsentPurpose } from './case.record';
import { isIntakeOpen } from './cases.service';

const CONSENT_ORDER: ConsentPurpose[] = ['collection', 'third_party', 'marketing'];

/** The public facts of a case: what the claimant form needs and nothing internal. */
export function toPublicCase(c: CaseRecord, now = new Date()) {
  return {
    slug: c.slug,
    title: { ko: c.titleKo, en: c.titleEn },
    summary: { ko: c.summaryKo, en: c.summaryEn },
    defendant: c.defendant,
    firm: { name: { ko: c.firm.nameKo, en: c.firm.nameEn }, registrationNo: c.firm.registrationNo },
    dates: {
      incidentDisclosedOn: c.incidentDisclosedOn,
      intakeOpensAt: c.intakeOpensAt.toISOString(),
      intakeClosesAt: c.intakeClosesAt.toISOString(),
      limitationYears: c.limitationYears,
    },
    intakeOpen: isIntakeOpen(c, now),
    damages: { minWon: c.damageMinWon, maxWon: c.damageMaxWon, modelVersion: c.damageModel.version },
    consents: {
      version: c.consentVersion,
      // Fixed order (required first): jsonb does not keep key order.
      items: CONSENT_ORDER.map((purpose) => {
        const text = c.consentTexts[purpose];
        return { purpose, required: text.required, text: { ko: text.ko, en: text.en } };
      }),
    },
    mandate: {
      version: c.mandateVersion,
      sha256: c.mandateSha256.toString('hex'),
      text: { ko: c.mandateTextKo, en: c.mandateTextEn },
    },
  };
}
