import { authenticator } from 'otplib';

/**
 * TOTP (RFC 6238) as authenticator apps do it: 6 digits, 30-second steps, one step of clock drift
 * either way. A code is accepted once: the step it belongs to must be later than the last one
 * accepted, so a code seen over a shoulder cannot be replayed within its window.
 */
const STEP_SECONDS = 30;
authenticator.options = { step: STEP_SECONDS, window: 1, digits: 6 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The otpauth:// address an authenticator app scans. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret);
}

/** The time step the code belongs to when it is right and not yet used, else null. */
export function acceptedTotpStep(secret: string, typed: string, lastStep: number | null, now = Date.now()): number | null {
  const code = typed.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator.clone({ epoch: now }).checkDelta(code, secret);
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / STEP_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code an authenticator shows at `now` (for tests). */
export function currentTotp(secret: string, now = Date.now()): string {
  return authenticator.clone({ epoch: now }).generate(secret);
}
