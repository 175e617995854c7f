import { randomInt } from 'node:crypto';

/**
 * Claim numbers people read aloud to a call centre: the case's prefix and nine digits in
 * groups, the last a Damm check digit (`CP-4821-0937-5`). Digits only, because Latin letters
 * are misheard on a Korean phone line. The Damm check catches every single mistyped digit and
 * every swap of two neighbours. The eight digits are random, so a number says nothing about
 * how many claims exist; they are not a secret either (the status link carries a signed token).
 */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

const BODY_DIGITS = 8;

export function dammDigit(digits: string): number {
  let interim = 0;
  for (const d of digits) interim = DAMM[interim][d.charCodeAt(0) - 48];
  return interim;
}

export function generateClaimNumber(prefix: string, random: (max: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < BODY_DIGITS; i++) body += String(random(10));
  return format(prefix, body + dammDigit(body));
}

export type ParsedClaimNumber = { ok: true; claimNumber: string } | { ok: false; reason: 'format' | 'checksum' };

/**
 * Reads a claim number as people type it: any case, spaces, hyphens or dots anywhere,
 * full-width characters from a Korean keyboard ("ｃｐ－４８２１…"). Returns the canonical form, or
 * why it cannot be one: `checksum` means a digit was mistyped.
 */
export function parseClaimNumber(input: string): ParsedClaimNumber {
  const compact = input.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
  const match = /^([A-Z]{2,5})(\d{9})$/.exec(compact);
  if (!match) return { ok: false, reason: 'format' };
  if (dammDigit(match[2]) !== 0) return { ok: false, reason: 'checksum' };
  return { ok: true, claimNumber: format(match[1], match[2]) };
}

function format(prefix: string, digits: string): string {
  return `${prefix}-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}
