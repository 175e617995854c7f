import { randomInt } from 'node:crypto';
import { secretHash, secretMatches } from './staff-tokens';

/** Letters and digits nobody misreads (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface StoredRecoveryCode {
  /** Hex of the keyed hash. */
  hash: string;
  usedAt: string | null;
}

/**
 * Ten one-time codes for when the phone with the authenticator is lost, shown once at enrolment
 * (`xxxxx-xxxxx`); only their keyed hashes are kept.
 */
export function newRecoveryCodes(key: string, count = 10): { shown: string[]; stored: StoredRecoveryCode[] } {
  const shown = Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { shown, stored: shown.map((code) => ({ hash: secretHash(key, 'recovery', code).toString('hex'), usedAt: null })) };
}

/** A code as people type it: any case, with or without the dash and spaces. */
export function normaliseRecoveryCode(typed: string): string | null {
  const chars = typed.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z0-9]{10}$/.test(chars) ? `${chars.slice(0, 5)}-${chars.slice(5)}` : null;
}

/** The index of the unused code `typed` is, or -1. */
export function matchRecoveryCode(key: string, typed: string, codes: StoredRecoveryCode[]): number {
  const code = normaliseRecoveryCode(typed);
  if (!code) return -1;
  return codes.findIndex((c) => c.usedAt === null && secretMatches(key, 'recovery', code, Buffer.from(c.hash, 'hex')));
}
