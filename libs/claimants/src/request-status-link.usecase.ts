import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { BlindIndex } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException, Locale } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { RateLimits } from '@app/protection';
import { ClaimsRepository } from './claims.repository';
import { parseEmailAddress } from './validation/email-address';

/**
 * A claimant who lost their status link asks for a new one by email address. If the address has
 * a claim in the case, the claim's link version goes up (every earlier link stops working) and
 * the new link is emailed to the address on file. The answer is the same either way.
 */
@Injectable()
export class RequestStatusLink {
  constructor(
    private readonly cases: CasesService,
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly blindIndex: BlindIndex,
    private readonly notifications: NotificationsService,
    private readonly limits: RateLimits,
  ) {}

  async execute({ caseSlug, email, locale }: { caseSlug: string; email: string; locale: Locale }): Promise<void> {
    const kase = await this.cases.getBySlug(caseSlug);
    const address = parseEmailAddress(email);
    if (!address) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'email', code: 'deliverableEmail' }]);
    const emailHash = this.blindIndex.hash('email', address.canonical);
    await this.limits.consume('codesPerEmail', `link:${emailHash.toString('hex')}`);
    await this.scope.run(kase.firmId, async (tx) => {
      const claim = await this.claims.findByEmailHash(tx, kase.id, emailHash);
      if (!claim) return;
      const version = await this.claims.nextStatusLinkVersion(tx, claim.id);
      await this.notifications.requestEmails(tx, [
        { claimId: claim.id, template: 'status-link', locale, dedupeKey: `status-link:${claim.id}:${version}` },
      ]);
    });
  }
}
