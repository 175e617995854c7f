import { randomBytes } from 'node:crypto';
import { DEMO_CONSENT_VERSION } from '@app/cases';

/** A valid claim body; each call gets its own email and phone unless told otherwise. */
export function validClaim(overrides: { email?: string; phone?: string; name?: string } = {}) {
  const n = randomBytes(4).readUInt32BE() % 10_000_0000;
  const name = overrides.name ?? '김민지';
  return {
    claimant: {
      name,
      birthDate: '1990-03-15',
      email: overrides.email ?? `claimant-${randomBytes(6).toString('hex')}@example.com`,
      phone: overrides.phone ?? `010-${String(Math.floor(n / 10_000) % 10_000).padStart(4, '0')}-${String(n % 10_000).padStart(4, '0')}`,
      address: { postalCode: '06236', line1: '서울특별시 강남구 테헤란로 152', line2: '101동 1001호' },
    },
    answers: {
      noticeReceived: 'leak',
      exposedData: ['name_email', 'phone_address'],
      secondaryHarm: false,
      voucherUsed: false,
      otherRepresentation: false,
      usResident: false,
      learnedOn: '2025-12-01',
    },
    consents: { collection: true, thirdParty: true, marketing: false, version: DEMO_CONSENT_VERSION },
    signature: { typedName: name, agreed: true },
  };
}
