import type { CaseRecord } from './case.record';
import { isIntakeOpen } from './cases.service';

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
      items: Object.entries(c.consentTexts).map(([purpose, text]) => ({ purpose, required: text.required, text: { ko: text.ko, en: text.en } })),
    },
    mandate: {
      version: c.mandateVersion,
      sha256: c.mandateSha256.toString('hex'),
      text: { ko: c.mandateTextKo, en: c.mandateTextEn },
    },
  };
}
