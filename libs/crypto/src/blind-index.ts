import { createHmac } from 'node:crypto';

/**
 * Keyed hashes ("blind indexes") of normalised identifiers. They let us find a claimant
 * by email or phone and detect duplicates without storing the value in clear, and
 * without the hash being reversible by someone who has only the database (the key is
 * not in it). The purpose is mixed into the input so an email hash can never collide
 * with a phone hash.
 */
export class BlindIndex {
  constructor(private readonly key: string | Buffer) {}

  hash(purpose: BlindIndexPurpose, normalised: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${normalised}`, 'utf8').digest();
  }
}

/**
 * What a hash is of: the purpose is mixed into the input, so hashes of different purposes
 * never collide. `request` fingerprints a submission (an idempotency check that a database
 * copy cannot replay offline), `email-code` derives a verification's six digits.
 */
export type BlindIndexPurpose = 'email' | 'phone' | 'ip' | 'name-birth' | 'request' | 'email-code' | 'staff-email';

/** Korean mobile numbers to their 11-digit national form: "+82 10-1234-5678" -> "01012345678". */
export function normaliseKoreanMobile(phone: string): string {
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+82')) digits = '0' + digits.slice(3);
  else if (digits.startsWith('82') && digits.length === 12) digits = '0' + digits.slice(2);
  return digits.replace(/\D/g, '');
}
