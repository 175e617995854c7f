import { demoClaimBody } from '@app/cases';

/** What every benchmark request says about itself; the ceiling rows store the same. */
export const BENCH_USER_AGENT = 'claims-bench/1.0 (undici)';
export const BENCH_ACCEPT_LANGUAGE = 'ko-KR,ko;q=0.9';
/** The benchmark's requests reach the API from here, as from a trusted proxy (TRUSTED_PROXIES). */
export const BENCH_PROXY_IP = '127.0.0.1';

/** The n-th claimant's own address (10.0.0.0/8, distinct for n below 16 million), forwarded by the proxy. */
export function clientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

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
