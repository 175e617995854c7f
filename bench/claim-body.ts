import { demoClaimBody } from '@app/cases';

/** What every benchmark request says about itself; the ceiling rows store the same. */
export const BENCH_USER_AGENT = 'claims-bench/1.0 (undici)';
export const BENCH_ACCEPT_LANGUAGE = 'ko-KR,ko;q=0.9';
/** The API sees every benchmark request coming from here (no proxy in front of it). */
export const BENCH_CLIENT_IP = '127.0.0.1';

/**
 * The n-th claimant of a run: the demo claim with an email and mobile number no other
 * claimant of the run has (unique phones keep the worker's same-phone signal realistic).
 */
export function claimBody(n: number) {
  return demoClaimBody({ email: `claimant-${n}@example.com`, phone: uniqueMobile(n) });
}

/** 010-XXXX-XXXX, distinct for n below 100 million. */
export function uniqueMobile(n: number): string {
  const digits = String(n % 100_000_000).padStart(8, '0');
  return `010-${digits.slice(0, 4)}-${digits.slice(4)}`;
}
