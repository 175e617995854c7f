import { HttpStatus, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AppConfig } from '@app/config';
import { BlindIndex } from '@app/crypto';
import { FirmScope, type FirmTx } from '@app/database';
import { ApiException } from '@app/http';
import type { SessionStage, StaffSessionEntity } from './entities/staff-session.entity';
import type { StaffPrincipal } from './roles';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffSessionsRepository } from './staff-sessions.repository';
import { formatStaffToken, newStaffToken, parseStaffToken, secretHash, secretMatches } from './staff-tokens';

const PURPOSE = 'staff-session';
/** A session half way (password checked, second factor to come) lasts this long. */
const HALF_WAY_MINUTES = 10;
/** last_seen_at is written at most this often: a busy reviewer is not a write per click. */
const TOUCH_EVERY_MS = 60_000;

export interface OpenedSession {
  session: StaffSessionEntity;
  principal: StaffPrincipal;
  /** The account's sealed name, for the page's header (opened by StaffFields). */
  nameEnc: Buffer;
}

/**
 * Staff sessions: issued at each stage of signing in (a new secret each time, so a cookie seen
 * before a stage cannot be used after it), resolved from the cookie for every request, ended
 * one at a time or all at once. A complete session ends after STAFF_IDLE_MINUTES without a
 * request or STAFF_SESSION_HOURS in all; a disabled or locked account's sessions end with it.
 */
@Injectable()
export class StaffSessions {
  constructor(
    private readonly scope: FirmScope,
    private readonly sessions: StaffSessionsRepository,
    private readonly accounts: StaffAccountsRepository,
    private readonly blindIndex: BlindIndex,
    private readonly config: AppConfig,
  ) {}

  /** A new session at `stage` for the account, in the caller's transaction; returns the cookie's value. */
  async issue(tx: FirmTx, staffId: string, stage: SessionStage, meta: { ip: string; userAgent: string }): Promise<{ cookie: string; expiresAt: Date }> {
    const id = uuidv7();
    const token = newStaffToken(tx.firmId, id);
    const minutes = stage === 'complete' ? this.config.STAFF_SESSION_HOURS * 60 : HALF_WAY_MINUTES;
    const expiresAt = new Date(Date.now() + minutes * 60_000);
    await this.sessions.insert(tx, {
      id, staffId, stage, expiresAt, secretHash: secretHash(this.config.COOKIE_SECRET, PURPOSE, token.secret),
      ipHash: this.blindIndex.hash('ip', meta.ip), userAgent: meta.userAgent.slice(0, 300),
    });
    return { cookie: formatStaffToken(token), expiresAt };
  }

  /**
   * The session behind a cookie if it is live and at `stage`, else 401. A complete session is
   * kept alive by the request (see TOUCH_EVERY_MS).
   */
  async open(cookie: unknown, stage: SessionStage): Promise<OpenedSession> {
    const token = parseStaffToken(cookie);
    if (!token) throw unauthorised();
    return this.scope.run(token.firmId, async (tx) => {
      const session = await this.sessions.find(tx, token.id);
      if (!session || !secretMatches(this.config.COOKIE_SECRET, PURPOSE, token.secret, session.secretHash)) throw unauthorised();
      const now = Date.now();
      const idle = stage === 'complete' && now - session.lastSeenAt.getTime() > this.config.STAFF_IDLE_MINUTES * 60_000;
      if (session.revokedAt || session.stage !== stage || session.expiresAt.getTime() < now || idle) throw unauthorised();
      const account = await this.accounts.find(tx, session.staffId);
      if (!account || account.disabledAt || (account.lockedUntil && account.lockedUntil.getTime() > now)) throw unauthorised();
      if (stage === 'complete' && now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.sessions.touch(tx, session.id);
      return { session, principal: { staffId: account.id, firmId: tx.firmId, role: account.role, sessionId: session.id }, nameEnc: account.nameEnc };
    });
  }

  async revoke(principal: StaffPrincipal): Promise<void> {
    await this.scope.run(principal.firmId, (tx) => this.sessions.revoke(tx, principal.sessionId));
  }

  /** Ends every session of the account, this one included. */
  async revokeAll(principal: StaffPrincipal): Promise<number> {
    return this.scope.run(principal.firmId, (tx) => this.sessions.revokeAll(tx, principal.staffId));
  }
}

export function unauthorised(): ApiException {
  return new ApiException(HttpStatus.UNAUTHORIZED, 'staff.signInRequired');
}
