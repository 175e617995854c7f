import { DEMO_CONSENT_VERSION } from '@app/cases';

/** What every benchmark request says about itself; the ceiling rows store the same. */
export const BENCH_USER_AGENT = 'claims-bench/1.0 (undici)';
export const BENCH_ACCEPT_LANGUAGE = 'ko-KR,ko;q=0.9';
/** The API sees every benchmark request coming from here (no proxy in front of it). */
export const BENCH_CLIENT_IP = '127.0.0.1';

/**
 * The n-th claimant of a run: a valid body of the same shape as test/support/claim-fixture.ts,
 * with an email and mobile number no other claimant of the run has (the email is unique
 * per case by constraint; unique phones keep the worker's same-phone signal realistic).
 */
export function claimBody(n: number) {
  const name = '김민지';
  return {
    claimant: {
      name,
      birthDate: '1990-03-15',
      email: `claimant-${n}@example.com`,
      phone: uniqueMobile(n),
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

/** 010-XXXX-XXXX, distinct for n below 100 million. */
export function uniqueMobile(n: number): string {
  const digits = String(n % 100_000_000).padStart(8, '0');
  return `010-${digits.slice(0, 4)}-${digits.slice(4)}`;
}
