import { createHash, randomBytes } from 'node:crypto';
import { DEMO_DEFINITION, demoClaimBody, TELECOM_CASE_SLUG, TELECOM_DEFINITION } from '@app/cases';
import { mandateText } from '@app/claimants';

/** A valid claim body; each call gets its own email and phone unless told otherwise. */
export function validClaim(overrides: { email?: string; phone?: string; name?: string } = {}, caseSlug: Parameters<typeof demoClaimBody>[1] = 'coupang-2025') {
  const n = randomBytes(4).readUInt32BE() % 100_000_000;
  const digits = String(n).padStart(8, '0');
  return demoClaimBody({
    name: overrides.name,
    email: overrides.email ?? `claimant-${randomBytes(6).toString('hex')}@example.com`,
    phone: overrides.phone ?? `010-${digits.slice(0, 4)}-${digits.slice(4)}`,
  }, caseSlug);
}

/** The hex SHA-256 of the mandate as the claimant of `body` was shown it (the case's text headed by their details). */
export function shownMandateSha256(body: ReturnType<typeof validClaim> & { guardian?: { name: string; birthDate: string; phone: string; relation: 'parent' | 'guardian' } }, caseSlug: string, language: 'ko' | 'en' = 'ko'): string {
  const def = caseSlug === TELECOM_CASE_SLUG ? TELECOM_DEFINITION : DEMO_DEFINITION;
  const text = mandateText(def.mandate.text[language], language, { principal: body.claimant, guardian: body.guardian ?? null });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
