import type { CaseRecord } from './case.record';
import { isIntakeOpen } from './cases.service';

/**
 * The public facts of a case: what the claimant form needs to draw itself (questions, consents,
 * mandate, damages range) and nothing internal (rules and fraud thresholds stay with the firm).
 */
export function toPublicCase(c: CaseRecord, now = new Date()) {
  const d = c.definition;
  return {
    slug: c.slug,
    version: c.version,
    title: d.title,
    summary: d.summary,
    defendant: d.defendant,
    firm: { name: { ko: c.firm.nameKo, en: c.firm.nameEn }, registrationNo: c.firm.registrationNo },
    dates: {
      incidentDisclosedOn: d.facts.incidentDisclosedOn,
      intakeOpensAt: c.intakeOpensAt.toISOString(),
      intakeClosesAt: c.intakeClosesAt.toISOString(),
      limitationYears: d.limitationYears,
    },
    intakeOpen: isIntakeOpen(c, now),
    questionnaire: d.questionnaire,
    damages: { minWon: d.damages.minWon, maxWon: d.damages.maxWon, modelVersion: d.damages.version },
    consents: {
      version: d.consents.version,
      items: d.consents.items.map((item) => ({ purpose: item.purpose, required: item.required, text: item.text })),
    },
    mandate: {
      version: d.mandate.version,
      sha256: { ko: c.mandateSha256.ko.toString('hex'), en: c.mandateSha256.en.toString('hex') },
      text: d.mandate.text,
    },
  };
}
