import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secrets staff carry: a session's cookie and an invitation's link. Each is
 * `<firm id>.<row id>.<random secret>`: the firm opens the right firm's scope, the row id finds
 * the row, and the row keeps only a keyed hash of the secret, so a copy of the database opens
 * nobody's session.
 */
export interface StaffToken {
  firmId: string;
  id: string;
  secret: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FORMAT = new RegExp(`^(${UUID})\\.(${UUID})\\.([A-Za-z0-9_-]{43})$`);

/** Keeps an invitation's hash apart from a session's. */
export const INVITATION_PURPOSE = 'staff-invitation';

export function newStaffToken(firmId: string, id: string): StaffToken {
  return { firmId, id, secret: randomBytes(32).toString('base64url') };
}

export function formatStaffToken(token: StaffToken): string {
  return `${token.firmId}.${token.id}.${token.secret}`;
}

export function parseStaffToken(value: unknown): StaffToken | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const match = FORMAT.exec(value);
  return match ? { firmId: match[1], id: match[2], secret: match[3] } : null;
}

/** The keyed hash a row keeps of a secret (`purpose` keeps a session's and an invitation's apart). */
export function secretHash(key: string, purpose: string, secret: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\u0000${secret}`).digest();
}

export function secretMatches(key: string, purpose: string, secret: string, stored: Buffer | null): boolean {
  if (!stored) return false;
  const given = secretHash(key, purpose, secret);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/**
 * The anti-forgery token of a session's forms (the synchroniser-token pattern, on top of the
 * SameSite=Strict cookie and the origin check): derived from the session's id, so it needs no
 * storage and ends with the session.
 */
export function csrfToken(key: string, sessionId: string): string {
  return createHmac('sha256', key).update(`staff-csrf\u0000${sessionId}`).digest('base64url');
}

export function csrfMatches(key: string, sessionId: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== 43) return false;
  const expected = Buffer.from(csrfToken(key, sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
