import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AppConfig } from '@app/config';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import type { Locale } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { ClaimsRepository } from '../claims.repository';
import { PersonalData } from '../personal-data';
import { VerifyEmailCode } from '../verify-email-code.usecase';
import { ClaimDraftsRepository } from './claim-drafts.repository';
import { draftSessionToken } from './draft-link';

export type StartDraftResult =
  /** The form goes on: a session for the browser (an HttpOnly cookie). */
  | { kind: 'draft'; session: string; sessionExpiresAt: Date; draftId: string }
  /** The address already has a claim in the case: its status link was emailed, nothing else is said. */
  | { kind: 'claimed' };

/**
 * The claim form's first step, once the emailed code is right: the person's draft for this
 * case, new or resumed (one per address and case, so typing the address again on another
 * device finds the same form). A new draft emails its resume link. An address that already
 * has a claim gets a fresh status link by email instead of a second claim.
 */
@Injectable()
export class StartDraft {
  constructor(
    private readonly verifyCode: VerifyEmailCode,
    private readonly scope: FirmScope,
    private readonly drafts: ClaimDraftsRepository,
    private readonly claims: ClaimsRepository,
    private readonly personalData: PersonalData,
    private readonly notifications: NotificationsService,
    private readonly tokens: SignedTokens,
    private readonly config: AppConfig,
  ) {}

  async execute(input: { caseSlug: string; verificationId: string; code: string; locale: Locale }): Promise<StartDraftResult> {
    const { kase, verified } = await this.verifyCode.consume(input);
    const expiresAt = new Date(Date.now() + this.config.DRAFT_DAYS * 86_400_000);
    const started = await this.scope.run(kase.firmId, async (tx) => {
      const claim = await this.claims.findByEmailHash(tx, kase.id, verified.emailHash);
      if (claim) {
        const version = await this.claims.nextStatusLinkVersion(tx, claim.id);
        await this.notifications.requestEmails(tx, [{ claimId: claim.id, template: 'status-link', locale: input.locale, dedupeKey: `status-link:${claim.id}:${version}` }]);
        return null;
      }
      const existing = await this.drafts.findByEmailHash(tx, kase.id, verified.emailHash);
      if (existing && !existing.submittedAt && existing.expiresAt.getTime() > Date.now()) {
        return { draftId: existing.id, version: existing.linkVersion };
      }
      if (existing) {
        // Expired (a submitted draft has a claim, found above): it starts over, and its old links stop working.
        const version = await this.drafts.restart(tx, existing.id, expiresAt, input.locale);
        await this.requestResumeEmail(tx, existing.id, version, input.locale);
        return { draftId: existing.id, version };
      }
      const draftId = uuidv7();
      await this.drafts.insert(tx, {
        id: draftId,
        caseId: kase.id,
        emailHash: verified.emailHash,
        emailEnc: this.personalData.moveVerificationEmailToDraft(verified.id, verified.emailEnc, draftId),
        locale: input.locale,
        expiresAt,
      });
      await this.requestResumeEmail(tx, draftId, 1, input.locale);
      return { draftId, version: 1 };
    });
    if (!started) return { kind: 'claimed' };
    const sessionExpiresAt = new Date(Math.min(Date.now() + this.config.DRAFT_SESSION_HOURS * 3_600_000, expiresAt.getTime()));
    const session = draftSessionToken(this.tokens, { firmId: kase.firmId, draftId: started.draftId, version: started.version }, sessionExpiresAt);
    return { kind: 'draft', session, sessionExpiresAt, draftId: started.draftId };
  }

  private requestResumeEmail(tx: Parameters<NotificationsService['requestEmails']>[0], draftId: string, version: number, locale: Locale) {
    return this.notifications.requestEmails(tx, [{ draftId, template: 'draft-started', locale, dedupeKey: `draft-started:${draftId}:${version}` }]);
  }
}
