import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * NIST SP 800-63B's rules for a password people choose: at least 12 characters, no composition
 * rules, refused when it is a commonly used password (the 49,000 of zxcvbn's list, compared
 * without case, and with the email's name part or a run of one character as likely guesses).
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  const lower = password.normalize('NFKC').toLowerCase();
  const local = email.split('@')[0].toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/u.test(lower) || (local.length >= 4 && lower.includes(local))) return 'common';
  // A common password with a few digits or symbols stuck on (password123!, qwerty2026) is still one.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (stem.length >= 4 && COMMON.has(stem) && stem.length >= lower.length - 4) return 'common';
  return null;
}
