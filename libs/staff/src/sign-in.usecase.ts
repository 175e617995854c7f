import { HttpStatus, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { AppConfig } from '@app/config';
import { BlindIndex } from '@app/crypto';
import { FirmScope, type FirmTx } from '@app/database';
import { ApiException } from '@app/http';
import { RateLimits } from '@app/protection';
import type { StaffAccountEntity } from './entities/staff-account.entity';
import { matchRecoveryCode } from './recovery-codes';
import type { StaffRole } from './roles';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { staffEmailKey } from './staff-email';
import { StaffFields } from './staff-fields';
import { StaffSessions } from './staff-sessions.service';
import { StaffSessionsRepository } from './staff-sessions.repository';
import { acceptedTotpStep } from './totp';

/** Failures allowed before an account locks; each further one doubles the lock (1, 2, 4 ... 60 minutes). */
const FREE_FAILURES = 5;
const MAX_LOCK_MINUTES = 60;

/** Verifying against this when there is no account costs what a real verification costs, so timing says nothing. */
let decoy: Promise<string> | null = null;

export interface SignInMeta {
  ip: string;
  userAgent: string;
}

const refused = () => new ApiException(HttpStatus.UNAUTHORIZED, 'staff.signInRefused');

/**
 * Staff sign-in in two steps: the password (argon2id), then the second factor (a TOTP code, or
 * a one-time recovery code). Each step issues a new session secret. Every failure, of either
 * step, counts against the account: after FREE_FAILURES it locks, for twice as long each time,
 * and its sessions end. An unknown address, a wrong password and a locked account get the same
 * answer, so the form tells nobody which addresses have accounts.
 */
@Injectable()
export class SignIn {
  constructor(
    private readonly scope: FirmScope,
    private readonly accounts: StaffAccountsRepository,
    private readonly sessionRows: StaffSessionsRepository,
    private readonly sessions: StaffSessions,
    private readonly fields: StaffFields,
    private readonly blindIndex: BlindIndex,
    private readonly limits: RateLimits,
    private readonly config: AppConfig,
  ) {}

  /** The password step; a half-way session for the second factor. */
  async password(input: { email: string; password: string } & SignInMeta): Promise<{ cookie: string; expiresAt: Date }> {
    await this.limits.consume('staffSignIn', input.ip);
    const key = staffEmailKey(input.email);
    const emailHash = key ? this.blindIndex.hash('staff-email', key) : null;
    const firmId = emailHash && input.password.length <= 128 ? await this.accounts.firmOfEmail(emailHash) : null;
    if (!firmId) {
      await verify(await (decoy ??= hash('decoy password for unknown accounts')), input.password).catch(() => false);
      throw refused();
    }
    const account = await this.scope.run(firmId, (tx) => this.accounts.findByEmailHash(tx, emailHash!));
    if (!account || !account.passwordHash || !account.totpConfirmedAt || isLocked(account)) {
      await verify(await (decoy ??= hash('decoy password for unknown accounts')), input.password).catch(() => false);
      throw refused();
    }
    // Verified outside any transaction: argon2 takes tens of milliseconds, a connection should not wait on it.
    const right = await verify(account.passwordHash, input.password).catch(() => false);
    // A failure is committed before it is answered (a throw inside the transaction would undo the count).
    const issued = await this.scope.run(firmId, async (tx) => {
      const current = await this.accounts.find(tx, account.id, true);
      if (!current || isLocked(current)) return null;
      if (!right) {
        await this.fail(tx, current);
        return null;
      }
      await this.accounts.update(tx, current.id, { failedAttempts: 0, lockedUntil: null });
      return this.sessions.issue(tx, current.id, 'password', input);
    });
    if (!issued) throw refused();
    return issued;
  }

  /** The second factor, on a half-way session; a complete session. */
  async secondFactor(input: { cookie: unknown; code: string } & SignInMeta): Promise<{ cookie: string; expiresAt: Date; role: StaffRole; usedRecoveryCode: boolean; recoveryCodesLeft: number }> {
    await this.limits.consume('staffSignIn', input.ip);
    const { principal } = await this.sessions.open(input.cookie, 'password');
    const outcome = await this.scope.run(principal.firmId, async (tx) => {
      const account = await this.accounts.find(tx, principal.staffId, true);
      if (!account || isLocked(account) || !account.totpSecretEnc) return 'refused' as const;
      const secret = this.fields.open(account.id, 'totp_secret', account.totpSecretEnc);
      const step = acceptedTotpStep(secret, input.code, account.totpLastStep);
      let codes = account.recoveryCodes;
      if (step !== null) {
        await this.accounts.update(tx, account.id, { totpLastStep: step, failedAttempts: 0 });
      } else {
        const index = matchRecoveryCode(this.config.BLIND_INDEX_KEY, input.code, account.recoveryCodes);
        if (index < 0) {
          // Committed with the transaction, then answered.
          await this.fail(tx, account);
          return 'wrong-code' as const;
        }
        codes = account.recoveryCodes.map((c, i) => (i === index ? { ...c, usedAt: new Date().toISOString() } : c));
        await this.accounts.update(tx, account.id, { recoveryCodes: codes, failedAttempts: 0 });
      }
      await this.sessionRows.revoke(tx, principal.sessionId);
      const issued = await this.sessions.issue(tx, account.id, 'complete', input);
      return { ...issued, role: account.role, usedRecoveryCode: step === null, recoveryCodesLeft: codes.filter((c) => !c.usedAt).length };
    });
    if (outcome === 'refused') throw refused();
    if (outcome === 'wrong-code') throw new ApiException(HttpStatus.UNAUTHORIZED, 'staff.codeRefused', [{ field: 'code', code: 'staff.codeRefused' }]);
    return outcome;
  }

  /** One more failure; past the free ones the account locks and its sessions end. */
  private async fail(tx: FirmTx, account: StaffAccountEntity): Promise<void> {
    const failures = account.failedAttempts + 1;
    const over = failures - FREE_FAILURES;
    const lockedUntil = over > 0 ? new Date(Date.now() + Math.min(2 ** (over - 1), MAX_LOCK_MINUTES) * 60_000) : null;
    await this.accounts.update(tx, account.id, { failedAttempts: failures, ...(lockedUntil ? { lockedUntil } : {}) });
    if (lockedUntil) await this.sessionRows.revokeAll(tx, account.id);
  }
}

function isLocked(account: StaffAccountEntity): boolean {
  return account.disabledAt !== null || (account.lockedUntil !== null && account.lockedUntil.getTime() > Date.now());
}
