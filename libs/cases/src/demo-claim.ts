import { DEMO_CASE_SLUG, DEMO_DEFINITION, TELECOM_CASE_SLUG, TELECOM_DEFINITION } from './demo-case';

const ANSWERS: Record<string, Record<string, unknown>> = {
  [DEMO_CASE_SLUG]: {
    noticeReceived: 'leak',
    exposedData: ['name_email', 'phone_address'],
    secondaryHarm: false,
    voucherUsed: false,
    otherRepresentation: false,
    usResident: false,
    learnedOn: '2025-12-01',
  },
  [TELECOM_CASE_SLUG]: {
    subscriber: true,
    lineType: 'mobile',
    simDataExposed: ['phone_number', 'imsi'],
    simReplaced: true,
    cloningHarm: false,
    otherSuit: false,
    learnedOn: '2026-05-02',
  },
};

const DEFINITIONS = { [DEMO_CASE_SLUG]: DEMO_DEFINITION, [TELECOM_CASE_SLUG]: TELECOM_DEFINITION };

/**
 * A valid claim for a demo case, as the claimant form would send it. The one source for tests,
 * the benchmark and the README's demo; callers give each claimant its own email and mobile
 * number (the email is unique per case by constraint).
 */
export function demoClaimBody(who: { email: string; phone: string; name?: string }, caseSlug: keyof typeof DEFINITIONS = DEMO_CASE_SLUG) {
  const name = who.name ?? '김민지';
  const def = DEFINITIONS[caseSlug];
  return {
    claimant: {
      name,
      birthDate: '1990-03-15',
      email: who.email,
      phone: who.phone,
      address: { postalCode: '06236', line1: '서울특별시 강남구 테헤란로 152', line2: '101동 1001호' },
    },
    answers: { ...ANSWERS[caseSlug] },
    consents: {
      version: def.consents.version,
      // Required ones given, optional ones refused: consent is never pre-ticked.
      granted: Object.fromEntries(def.consents.items.map((c) => [c.purpose, c.required])),
    },
    signature: { typedName: name, agreed: true as const, mandateVersion: def.mandate.version } as { typedName: string; agreed: true; mandateVersion: string; language?: 'ko' | 'en' },
  };
}
