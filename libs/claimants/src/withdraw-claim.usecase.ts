import { HttpStatus, Injectable } from '@nestjs/common';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { claimOfLink, statusRef } from './claimant-link';
import { canTransition } from './claim-status';
import { ClaimsRepository } from './claims.repository';
import type { WithdrawClaimDto } from './dto/status-token.dto';

/**
 * A claimant leaves the suit through their status link: the claim moves to `withdrawn` (an
 * event row, actor the claimant) and a confirmation email is requested, in one transaction.
 * Leaving is not deleting: the data stays until its retention ends or its deletion is asked
 * for. A repeated request answers the same and sends nothing more.
 */
@Injectable()
export class WithdrawClaim {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async execute(body: WithdrawClaimDto): Promise<{ status: 'withdrawn' }> {
    const ref = statusRef(this.tokens, body.token);
    return this.scope.run(ref.firmId, async (tx) => {
      const claim = await claimOfLink(tx, this.claims, ref);
      if (claim.status === 'withdrawn') return { status: 'withdrawn' as const };
      if (!canTransition(claim.status, 'withdrawn')) throw new ApiException(HttpStatus.CONFLICT, 'claim.cannotWithdraw');
      await this.claims.moveStatuses(tx, [{ claimId: claim.id, from: claim.status, to: 'withdrawn' }], 'claimant', 'withdrawn by the claimant');
      await this.notifications.requestEmails(tx, [{ claimId: claim.id, template: 'claim-withdrawn', locale: claim.locale, dedupeKey: `claim-withdrawn:${claim.id}` }]);
      return { status: 'withdrawn' as const };
    });
  }
}
