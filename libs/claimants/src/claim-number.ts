import { randomInt } from 'node:crypto';

/**
 * Claim numbers people read out on the phone: `CPN-7K4M-Q2XD-8`. Crockford base32 (no I,
 * L, O, U, so nothing is misread), 40 random bits (not enumerable: a number says nothing
 * about how many claims exist or whose the neighbours are), and a mod-37 check symbol that
 * catches any single mistyped character or swapped neighbours.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_ALPHABET = ALPHABET + '*~$=U';

export function generateClaimNumber(prefix: string, random: (max: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[random(32)];
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}-${checkSymbol(body)}`;
}

export function isValidClaimNumber(value: string): boolean {
  const match = /^([A-Z]{2,5})-([0-9A-Z]{4})-([0-9A-Z]{4})-(.)$/.exec(value.toUpperCase());
  if (!match) return false;
  const body = match[2] + match[3];
  return [...body].every((c) => ALPHABET.includes(c)) && checkSymbol(body) === match[4];
}

function checkSymbol(body: string): string {
  // Crockford's check: the value of the base32 number mod 37, computed digit by digit.
  let mod = 0;
  for (const char of body) mod = (mod * 32 + ALPHABET.indexOf(char)) % 37;
  return CHECK_ALPHABET[mod];
}
