import fc from 'fast-check';
import { SignedTokens } from './signed-token';

const KEY = 'test-link-signing-key-0123456789abcdef';
const NOW = new Date('2026-01-10T00:00:00Z');
const LATER = new Date('2026-02-10T00:00:00Z');
const CLAIM_ID = '0190f5a0-0000-7000-8000-00000000abcd';

describe('SignedTokens', () => {
  const tokens = new SignedTokens(KEY);
  const token = tokens.sign('claim-status', CLAIM_ID, LATER);

  it('verifies its own token and returns the subject', () => {
    expect(tokens.verify('claim-status', token, NOW)).toBe(CLAIM_ID);
  });

  it('round-trips any URL-safe subject', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (subject) => {
        expect(tokens.verify('claim-status', tokens.sign('claim-status', subject, LATER), NOW)).toBe(subject);
      }),
    );
  });

  it('produces URL-safe tokens with three parts', () => {
    expect(token).toMatch(/^[A-Za-z0-9-]+\.[0-9a-z]+\.[A-Za-z0-9_-]{32}$/);
  });

  it('refuses the token for another purpose', () => {
    expect(tokens.verify('password-reset', token, NOW)).toBeNull();
  });

  it('refuses a token signed with another key', () => {
    expect(new SignedTokens('another-link-signing-key-0123456789ab').verify('claim-status', token, NOW)).toBeNull();
  });

  it('accepts a Buffer key equal to the string key', () => {
    expect(new SignedTokens(Buffer.from(KEY)).verify('claim-status', token, NOW)).toBe(CLAIM_ID);
  });

  describe('tampering', () => {
    const [subject, exp, mac] = token.split('.');

    it('refuses a changed subject', () => {
      const other = '0190f5a0-0000-7000-8000-00000000abce';
      expect(tokens.verify('claim-status', `${other}.${exp}.${mac}`, NOW)).toBeNull();
    });

    it('refuses an extended expiry', () => {
      const later = (parseInt(exp, 36) + 86_400 * 365).toString(36);
      expect(tokens.verify('claim-status', `${subject}.${later}.${mac}`, NOW)).toBeNull();
    });

    it('refuses any single-character change to the MAC', () => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      for (let i = 0; i < mac.length; i++) {
        const replacement = alphabet[(alphabet.indexOf(mac[i]) + 1) % alphabet.length];
        const forged = mac.slice(0, i) + replacement + mac.slice(i + 1);
        expect(tokens.verify('claim-status', `${subject}.${exp}.${forged}`, NOW)).toBeNull();
      }
    });

    it('refuses a truncated or extended MAC', () => {
      expect(tokens.verify('claim-status', `${subject}.${exp}.${mac.slice(0, -1)}`, NOW)).toBeNull();
      expect(tokens.verify('claim-status', `${subject}.${exp}.${mac}A`, NOW)).toBeNull();
    });
  });

  describe('expiry', () => {
    const expiresAt = new Date('2026-03-01T12:00:00Z');
    const expiring = tokens.sign('claim-status', CLAIM_ID, expiresAt);

    it('is valid up to the expiry instant', () => {
      expect(tokens.verify('claim-status', expiring, new Date(expiresAt.getTime() - 1))).toBe(CLAIM_ID);
      expect(tokens.verify('claim-status', expiring, expiresAt)).toBe(CLAIM_ID);
    });

    it('is refused once expired', () => {
      expect(tokens.verify('claim-status', expiring, new Date(expiresAt.getTime() + 1000))).toBeNull();
      expect(tokens.verify('claim-status', expiring, new Date('2030-01-01T00:00:00Z'))).toBeNull();
    });

    it('uses the current time when none is given', () => {
      expect(tokens.verify('claim-status', tokens.sign('claim-status', CLAIM_ID, new Date(Date.now() + 3_600_000)))).toBe(CLAIM_ID);
      expect(tokens.verify('claim-status', tokens.sign('claim-status', CLAIM_ID, new Date(Date.now() - 3_600_000)))).toBeNull();
    });
  });

  describe('malformed input', () => {
    it.each(['', '.', '..', '...', 'abc', 'a.b', 'a.b.c', 'a.b.c.d', `${token}.`, `.${token}`, token.replace(/\./g, '')])(
      'returns null for %j',
      (malformed) => {
        expect(tokens.verify('claim-status', malformed, NOW)).toBeNull();
      },
    );

    it('never throws on an arbitrary string and returns null for it', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (garbage) => {
          expect(tokens.verify('claim-status', garbage, NOW)).toBeNull();
        }),
        { numRuns: 500 },
      );
    });

    it('never throws on three arbitrary dot-separated parts, multi-byte MACs included', () => {
      const part = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('.'));
      fc.assert(
        fc.property(part, part, part, (subject, exp, mac) => {
          expect(tokens.verify('claim-status', `${subject}.${exp}.${mac}`, NOW)).toBeNull();
        }),
        { numRuns: 500 },
      );
    });
  });
});
