import { DEMO_CONSENT_VERSION } from './demo-case';

/**
 * A valid claim for the demo case, as the claimant form would send it. The one source for
 * tests, the benchmark and the README's demo; callers give each claimant its own email and
 * mobile number (the email is unique per case by constraint).
 */
export function demoClaimBody(who: { email: string; phone: string; name?: string }) {
  const name = who.name ?? '김민지';
  return {
    claimant: {
      name,
      birthDate: '1990-03-15',
      email: who.email,
      phone: who.phone,
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
