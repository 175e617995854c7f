import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * Email addresses as a mail provider delivers them, written one way only.
 *
 * Accepted: a dot-atom local part in ASCII (RFC 5321's atext, no quotes, no comments, no
 * spaces) at a domain that is a real hostname. An internationalised domain is converted to its
 * ASCII form (that is what we store and send to), and its letters must be Hangul, Han or kana:
 * a domain in Cyrillic, Greek or mixed scripts can imitate a Latin one letter for letter
 * ("раураl.com"). Anything else (quoted local parts, control characters, IP literals) is
 * refused rather than "fixed", because the mail transport would rewrite it into an address
 * the duplicate check never saw.
 *
 * `address` is what we store and send to; `canonical` (local part lower-cased) is what the
 * blind index hashes, so Kim@ and kim@ are one claimant.
 */
export interface EmailAddress {
  address: string;
  canonical: string;
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]/u;
/** Scripts whose IDNs we take: a Korean firm's claimants use Korean (and CJK) domains. */
const ALLOWED_NON_ASCII = /^[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]$/u;

export function parseEmailAddress(input: string): EmailAddress | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 254 || INVISIBLE_OR_CONTROL.test(text)) return null;
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  const local = text.slice(0, at);
  if (local.length > 64 || !LOCAL_PART.test(local)) return null; // quoted, non-ASCII or another '@'
  const domain = asciiDomain(text.slice(at + 1));
  if (!domain) return null;
  return { address: `${local}@${domain}`, canonical: `${local.toLowerCase()}@${domain}` };
}

function asciiDomain(input: string): string | null {
  if (input.startsWith('[')) return null; // an IP literal
  const ascii = domainToASCII(input.normalize('NFC'));
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels[labels.length - 1])) return null;
  for (const char of domainToUnicode(ascii)) {
    if (char.charCodeAt(0) > 0x7f && !ALLOWED_NON_ASCII.test(char)) return null;
  }
  return ascii;
}
