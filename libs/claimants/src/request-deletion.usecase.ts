import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { addDays, seoulToday } from '@app/eligibility';
import { NotificationsService } from '@app/notifications';
import { claimOfLink, statusRef } from './claimant-link';
import { canTransition } from './claim-status';
import { ClaimantRequestsRepository } from './claimant-requests.repository';
import { ClaimsRepository } from './claims.repository';

/** PIPA art. 35–36: a data subject's request is answered within 10 days. */
export const DELETION_DAYS = 10;

/**
 * A claimant asks for their data to be deleted, through their status link. Deleting their data
 * means leaving the suit, so an open claim is withdrawn in the same transaction; the request is
 * recorded for staff to carry out by its due date (a person checks what the law requires to be
 * kept), and a confirmation email goes out. Asking again while a request is open changes nothing.
 */
@Injectable()
export class RequestDeletion {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly requests: ClaimantRequestsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async execute(body: { token: string }): Promise<{ dueBy: string; status: 'withdrawn' | string }> {
    const ref = statusRef(this.tokens, body.token);
    return this.scope.run(ref.firmId, async (tx) => {
      const claim = await claimOfLink(tx, this.claims, ref);
      const open = await this.requests.findOpen(tx, claim.id, 'deletion');
      if (open) return { dueBy: open.dueBy, status: claim.status };
      const id = uuidv7();
      const dueBy = addDays(seoulToday(), DELETION_DAYS);
      await this.requests.insert(tx, { id, claimId: claim.id, kind: 'deletion', dueBy });
      let status: string = claim.status;
      if (claim.status !== 'withdrawn' && canTransition(claim.status, 'withdrawn')) {
        await this.claims.moveStatuses(tx, [{ claimId: claim.id, from: claim.status, to: 'withdrawn' }], 'claimant', 'deletion requested');
        status = 'withdrawn';
      }
      await this.notifications.requestEmails(tx, [{ claimId: claim.id, template: 'claim-deletion-requested', locale: claim.locale, dedupeKey: `claim-deletion-requested:${id}` }]);
      return { dueBy, status };
    });
  }
}
