import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed tokens for links we email (the claimant's status page). The token is
 * `<subject>.<expiry seconds, base36>.<HMAC>` in URL-safe characters; it carries an id,
 * never personal data.
 */
export class SignedTokens {
  constructor(private readonly key: string | Buffer) {}

  sign(purpose: string, subject: string, expiresAt: Date): string {
    if (subject.includes('.')) throw new Error('token subjects cannot contain "."');
    const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
    return `${subject}.${exp}.${this.mac(purpose, subject, exp)}`;
  }

  /** Returns the subject when the token is authentic and unexpired, otherwise null. */
  verify(purpose: string, token: string, now = new Date()): string | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [subject, exp, mac] = parts;
    const expected = Buffer.from(this.mac(purpose, subject, exp));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = parseInt(exp, 36) * 1000;
    if (!Number.isFinite(expiresAt) || expiresAt < now.getTime()) return null;
    return subject;
  }

  private mac(purpose: string, subject: string, exp: string): string {
    return createHmac('sha256', this.key).update(`${purpose}|${subject}|${exp}`).digest('base64url').slice(0, 32);
  }
}
