import { parseEmailAddress } from '@app/claimants';

/**
 * A staff address as its account is keyed: parsed as a claimant's (an internationalised domain
 * in its ASCII form), then lower-cased whole, so Kim@Firm.kr and kim@firm.kr are one account.
 * Null when it is not an address at all.
 */
export function staffEmailKey(input: unknown): string | null {
  const parsed = typeof input === 'string' ? parseEmailAddress(input) : null;
  return parsed ? parsed.address.toLowerCase() : null;
}
