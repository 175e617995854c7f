import { Injectable, Logger } from '@nestjs/common';
import { FirmScope } from '@app/database';
import { EvidenceService } from '@app/evidence';
import { NotificationsService } from '@app/notifications';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { DELETE_DRAFT } from '../claims.queue';
import { ClaimDraftsRepository } from './claim-drafts.repository';

type Payload = PayloadOf<typeof DELETE_DRAFT>;

/**
 * Deletes an expired, never-submitted draft: its row (what was typed, the sealed address), the
 * emails about it and its uploads, in one transaction, and the uploads' bytes right after it
 * commits. A draft submitted or restarted since it was found is left alone; a repeated job
 * finds nothing to delete.
 */
@JobHandler(DELETE_DRAFT)
@Injectable()
export class DeleteDraftHandler implements HandlesJob<Payload> {
  private readonly logger = new Logger(DeleteDraftHandler.name);

  constructor(
    private readonly scope: FirmScope,
    private readonly drafts: ClaimDraftsRepository,
    private readonly evidence: EvidenceService,
    private readonly notifications: NotificationsService,
  ) {}

  async handle({ draftId, firmId }: Payload): Promise<void> {
    const deleteBytes = await this.scope.run(firmId, async (tx) => {
      const draft = await this.drafts.find(tx, draftId, true);
      if (!draft || draft.submittedAt || draft.expiresAt.getTime() > Date.now()) return null;
      const bytes = await this.evidence.forgetOwner(tx, draftId);
      await this.notifications.forgetDraft(tx, draftId);
      await this.drafts.delete(tx, draftId);
      return bytes;
    });
    if (!deleteBytes) return;
    await deleteBytes();
    this.logger.log({ draftId }, 'expired draft deleted');
  }
}
