import { HttpStatus, Injectable } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { AppConfig } from '@app/config';
import { FirmScope, type FirmTx } from '@app/database';
import { ApiException } from '@app/http';
import { RateLimits } from '@app/protection';
import { passwordProblem } from './password-policy';
import { newRecoveryCodes } from './recovery-codes';
import type { StaffRole } from './roles';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffFields } from './staff-fields';
import { StaffSessions } from './staff-sessions.service';
import { StaffSessionsRepository } from './staff-sessions.repository';
import { INVITATION_PURPOSE, parseStaffToken, secretMatches } from './staff-tokens';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp';

const invalid = () => new ApiException(HttpStatus.NOT_FOUND, 'staff.invitationInvalid');

/**
 * An invitation (see InviteStaff) used: its owner opens the link, chooses a password, enrols an
 * authenticator app, and keeps ten recovery codes. Until then the account cannot sign in.
 * Opening the link needs nothing else, so it is single-use and short-lived.
 */
@Injectable()
export class StaffInvitations {
  constructor(
    private readonly scope: FirmScope,
    private readonly accounts: StaffAccountsRepository,
    private readonly sessionRows: StaffSessionsRepository,
    private readonly sessions: StaffSessions,
    private readonly fields: StaffFields,
    private readonly limits: RateLimits,
    private readonly config: AppConfig,
  ) {}

  /** Who an invitation is for (to greet them), or 404 when it is not a live invitation. */
  async look(link: unknown): Promise<{ name: string; email: string }> {
    const token = parseStaffToken(link);
    if (!token) throw invalid();
    return this.scope.run(token.firmId, async (tx) => {
      const account = await this.live(tx, token.id, token.secret);
      return { name: this.fields.open(account.id, 'name', account.nameEnc), email: this.fields.open(account.id, 'email', account.emailEnc) };
    });
  }

  /** The invitation's password step: spent here, it leaves an enrolling session for the second factor. */
  async choosePassword(input: { link: unknown; password: string; ip: string; userAgent: string }): Promise<{ cookie: string; expiresAt: Date }> {
    await this.limits.consume('staffSignIn', input.ip);
    const token = parseStaffToken(input.link);
    if (!token) throw invalid();
    const email = await this.scope.run(token.firmId, async (tx) => {
      const account = await this.live(tx, token.id, token.secret);
      return this.fields.open(account.id, 'email', account.emailEnc);
    });
    const problem = passwordProblem(input.password, email);
    if (problem) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'password', code: `password.${problem}` }]);
    const passwordHash = await hash(input.password);
    return this.scope.run(token.firmId, async (tx) => {
      const account = await this.live(tx, token.id, token.secret, true);
      await this.accounts.update(tx, account.id, { passwordHash, invitationHash: null, invitationExpiresAt: null, totpSecretEnc: null, totpConfirmedAt: null });
      return this.sessions.issue(tx, account.id, 'enrol', input);
    });
  }

  /** A new authenticator secret for the enrolling session (shown as a QR code and as text). */
  async beginEnrolment(cookie: unknown): Promise<{ secret: string; uri: string }> {
    const { principal } = await this.sessions.open(cookie, 'enrol');
    return this.scope.run(principal.firmId, async (tx) => {
      const account = (await this.accounts.find(tx, principal.staffId, true))!;
      // The secret shown stays until it is confirmed, so reloading the page shows the same one.
      const secret = account.totpSecretEnc ? this.fields.open(account.id, 'totp_secret', account.totpSecretEnc) : newTotpSecret();
      if (!account.totpSecretEnc) await this.accounts.update(tx, account.id, { totpSecretEnc: this.fields.seal(account.id, 'totp_secret', secret) });
      return { secret, uri: totpUri(secret, this.fields.open(account.id, 'email', account.emailEnc), 'Claims intake') };
    });
  }

  /** The first code from the app confirms it; the recovery codes (shown once) and a complete session follow. */
  async confirmEnrolment(input: { cookie: unknown; code: string; ip: string; userAgent: string }): Promise<{ cookie: string; expiresAt: Date; role: StaffRole; recoveryCodes: string[] }> {
    await this.limits.consume('staffSignIn', input.ip);
    const { principal } = await this.sessions.open(input.cookie, 'enrol');
    const outcome = await this.scope.run(principal.firmId, async (tx) => {
      const account = (await this.accounts.find(tx, principal.staffId, true))!;
      if (!account.totpSecretEnc) return null;
      const step = acceptedTotpStep(this.fields.open(account.id, 'totp_secret', account.totpSecretEnc), input.code, account.totpLastStep);
      if (step === null) return null;
      const codes = newRecoveryCodes(this.config.BLIND_INDEX_KEY);
      await this.accounts.update(tx, account.id, { totpConfirmedAt: new Date(), totpLastStep: step, recoveryCodes: codes.stored, failedAttempts: 0 });
      await this.sessionRows.revoke(tx, principal.sessionId);
      return { ...(await this.sessions.issue(tx, account.id, 'complete', input)), role: account.role, recoveryCodes: codes.shown };
    });
    if (!outcome) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'code', code: 'staff.codeRefused' }]);
    return outcome;
  }

  private async live(tx: FirmTx, id: string, secret: string, lock = false) {
    const account = await this.accounts.find(tx, id, lock);
    if (!account || account.disabledAt || !account.invitationExpiresAt || account.invitationExpiresAt.getTime() < Date.now()) throw invalid();
    if (!secretMatches(this.config.COOKIE_SECRET, INVITATION_PURPOSE, secret, account.invitationHash)) throw invalid();
    return account;
  }
}
