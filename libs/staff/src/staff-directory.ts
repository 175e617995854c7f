import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import type { StaffAccountEntity } from './entities/staff-account.entity';
import type { StaffPrincipal, StaffRole } from './roles';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffFields } from './staff-fields';
import { StaffSessionsRepository } from './staff-sessions.repository';
import { formatStaffToken, INVITATION_PURPOSE, newStaffToken, secretHash } from './staff-tokens';

export type AccountState = 'invited' | 'active' | 'locked' | 'disabled';

export interface StaffListing {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  state: AccountState;
  createdAt: Date;
  recoveryCodesLeft: number;
}

const notFound = () => new ApiException(HttpStatus.NOT_FOUND, 'staff.accountNotFound');

/**
 * A firm's staff as its admins run them: the list, a role changed, an account disabled (its
 * sessions end at once) or reset (a lost phone: password and second factor cleared, a new
 * invitation link). A firm always keeps one active admin, so nobody locks the firm out.
 */
@Injectable()
export class StaffDirectory {
  constructor(
    private readonly scope: FirmScope,
    private readonly accounts: StaffAccountsRepository,
    private readonly sessions: StaffSessionsRepository,
    private readonly fields: StaffFields,
    private readonly config: AppConfig,
  ) {}

  list(firmId: string): Promise<StaffListing[]> {
    return this.scope.run(firmId, async (tx) => (await this.accounts.all(tx)).map((a) => this.listing(a)));
  }

  /** Id and name of the firm's active staff who may be given claims (attorneys and paralegals). */
  async reviewers(firmId: string): Promise<{ id: string; name: string }[]> {
    const all = await this.list(firmId);
    return all.filter((a) => a.state === 'active' && (a.role === 'attorney' || a.role === 'paralegal')).map(({ id, name }) => ({ id, name }));
  }

  /** Names by id, for the pages that show who did what (unknown ids are left out). */
  async names(firmId: string): Promise<Map<string, string>> {
    return new Map((await this.list(firmId)).map((a) => [a.id, a.name]));
  }

  async changeRole(by: StaffPrincipal, staffId: string, role: StaffRole): Promise<void> {
    await this.scope.run(by.firmId, async (tx) => {
      const account = await this.accounts.find(tx, staffId, true);
      if (!account) throw notFound();
      if (account.role === 'admin' && role !== 'admin') await this.keepOneAdmin(tx, staffId);
      await this.accounts.update(tx, staffId, { role });
    });
  }

  async disable(by: StaffPrincipal, staffId: string): Promise<void> {
    await this.scope.run(by.firmId, async (tx) => {
      const account = await this.accounts.find(tx, staffId, true);
      if (!account) throw notFound();
      if (account.disabledAt) return;
      if (account.role === 'admin') await this.keepOneAdmin(tx, staffId);
      await this.accounts.update(tx, staffId, { disabledAt: new Date() });
      await this.sessions.revokeAll(tx, staffId);
    });
  }

  /** Clears the password and second factor and returns a new invitation link (valid STAFF_INVITATION_HOURS). */
  async reset(by: StaffPrincipal, staffId: string): Promise<{ link: string; expiresAt: Date }> {
    const token = newStaffToken(by.firmId, staffId);
    const expiresAt = new Date(Date.now() + this.config.STAFF_INVITATION_HOURS * 3_600_000);
    await this.scope.run(by.firmId, async (tx) => {
      const account = await this.accounts.find(tx, staffId, true);
      if (!account || account.disabledAt) throw notFound();
      await this.accounts.update(tx, staffId, {
        passwordHash: null, totpSecretEnc: null, totpConfirmedAt: null, totpLastStep: null, recoveryCodes: [], failedAttempts: 0, lockedUntil: null,
        invitationHash: secretHash(this.config.COOKIE_SECRET, INVITATION_PURPOSE, token.secret), invitationExpiresAt: expiresAt,
      });
      await this.sessions.revokeAll(tx, staffId);
    });
    return { link: invitationLink(this.config.PUBLIC_BASE_URL, formatStaffToken(token)), expiresAt };
  }

  private async keepOneAdmin(tx: Parameters<StaffAccountsRepository['all']>[0], leaving: string): Promise<void> {
    const others = (await this.accounts.all(tx)).filter((a) => a.id !== leaving && a.role === 'admin' && !a.disabledAt && a.totpConfirmedAt);
    if (others.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'staff.lastAdmin');
  }

  private listing(a: StaffAccountEntity): StaffListing {
    const state: AccountState = a.disabledAt ? 'disabled' : !a.totpConfirmedAt ? 'invited' : a.lockedUntil && a.lockedUntil.getTime() > Date.now() ? 'locked' : 'active';
    return {
      id: a.id, name: this.fields.open(a.id, 'name', a.nameEnc), email: this.fields.open(a.id, 'email', a.emailEnc), role: a.role, state, createdAt: a.createdAt,
      recoveryCodesLeft: a.recoveryCodes.filter((c) => !c.usedAt).length,
    };
  }
}

export function invitationLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/staff/invitation?token=${encodeURIComponent(token)}`;
}
