import { matchRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes';
import { formatStaffToken, newStaffToken, parseStaffToken, secretHash, secretMatches } from './staff-tokens';
import { acceptedTotpStep, currentTotp, newTotpSecret } from './totp';

const KEY = 'test-key-0123456789abcdef0123456789';

describe('staff tokens', () => {
  it('round-trips, and refuses anything else', () => {
    const token = newStaffToken('0190f5a0-0000-7000-8000-000000000001', '0190f5a0-0000-7000-8000-0000000000aa');
    expect(parseStaffToken(formatStaffToken(token))).toEqual(token);
    for (const bad of ['', 'a.b.c', `${formatStaffToken(token)}x`, formatStaffToken(token).replace('.', '~'), 42, null]) expect(parseStaffToken(bad)).toBeNull();
  });

  it('keeps a keyed hash that matches only its secret and purpose', () => {
    const { secret } = newStaffToken('0190f5a0-0000-7000-8000-000000000001', '0190f5a0-0000-7000-8000-0000000000aa');
    const stored = secretHash(KEY, 'session', secret);
    expect(secretMatches(KEY, 'session', secret, stored)).toBe(true);
    expect(secretMatches(KEY, 'invitation', secret, stored)).toBe(false);
    expect(secretMatches('another-key-0123456789abcdef012345', 'session', secret, stored)).toBe(false);
    // Another last character (one that differs from the secret's own, which is random).
    expect(secretMatches(KEY, 'session', `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, stored)).toBe(false);
    expect(secretMatches(KEY, 'session', secret, null)).toBe(false);
  });
});

describe('recovery codes', () => {
  it('are ten readable one-time codes, matched however they are typed', () => {
    const { shown, stored } = newRecoveryCodes(KEY);
    expect(shown).toHaveLength(10);
    expect(new Set(shown).size).toBe(10);
    for (const code of shown) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(matchRecoveryCode(KEY, shown[3].toUpperCase().replace('-', ' '), stored)).toBe(3);
    stored[3].usedAt = new Date().toISOString();
    expect(matchRecoveryCode(KEY, shown[3], stored)).toBe(-1);
    expect(matchRecoveryCode(KEY, 'abcde-fghjk', stored)).toBe(-1);
    expect(normaliseRecoveryCode('not a code')).toBeNull();
  });
});

describe('TOTP', () => {
  it('accepts the current code once, and a code of the step before, but not a wrong or replayed one', () => {
    const secret = newTotpSecret();
    // The middle of a 30-second step, so the steps either side are exactly one away.
    const now = 1_796_000_000_000 + 15_000;
    const step = acceptedTotpStep(secret, currentTotp(secret, now), null, now);
    expect(step).toBe(Math.floor(now / 30_000));
    expect(acceptedTotpStep(secret, currentTotp(secret, now), step, now)).toBeNull();
    expect(acceptedTotpStep(secret, currentTotp(secret, now - 30_000), null, now)).toBe(step! - 1);
    const wrong = String((Number(currentTotp(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    expect(acceptedTotpStep(secret, wrong, null, now)).toBeNull();
    expect(acceptedTotpStep(secret, '12345', null, now)).toBeNull();
    // Two minutes old: outside the window.
    expect(acceptedTotpStep(secret, currentTotp(secret, now - 120_000), null, now)).toBeNull();
  });
});
