import { randomBytes } from 'node:crypto';
import { demoClaimBody } from '@app/cases';

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
