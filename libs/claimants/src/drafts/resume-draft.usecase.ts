import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import { ClaimDraftsRepository } from './claim-drafts.repository';
import { draftSessionToken, readDraftResume } from './draft-link';

/**
 * The emailed link back to a draft, on any device: it becomes a browser session (the link
 * itself never needs to be in the address bar again). A link for an expired or restarted
 * draft opens nothing; the person proves their address again and starts over.
 */
@Injectable()
export class ResumeDraft {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly scope: FirmScope,
    private readonly drafts: ClaimDraftsRepository,
    private readonly config: AppConfig,
  ) {}

  async execute(token: unknown): Promise<{ session: string; sessionExpiresAt: Date; submitted: boolean }> {
    const ref = readDraftResume(this.tokens, token);
    const invalid = () => new ApiException(HttpStatus.NOT_FOUND, 'draft.linkInvalid');
    if (!ref) throw invalid();
    const draft = await this.scope.run(ref.firmId, (tx) => this.drafts.find(tx, ref.draftId));
    if (!draft || draft.linkVersion !== ref.version || (!draft.submittedAt && draft.expiresAt.getTime() < Date.now())) throw invalid();
    const sessionExpiresAt = new Date(Math.min(Date.now() + this.config.DRAFT_SESSION_HOURS * 3_600_000, Math.max(draft.expiresAt.getTime(), Date.now() + 3_600_000)));
    return { session: draftSessionToken(this.tokens, ref, sessionExpiresAt), sessionExpiresAt, submitted: draft.submittedAt !== null };
  }
}
