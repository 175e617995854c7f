import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { FirmScope } from '@app/database';
import { OutboxService } from '@app/queue';
import { VERSION_PREVIEW_REQUESTED } from './preview.queue';
import { VersionPreviews } from './version-previews.repository';

export interface RequestVersionPreviewCommand {
  firmId: string;
  caseId: string;
  /** The version in force now (what the preview compares against). */
  fromVersion: number | null;
  toVersion: number;
  staffId: string;
}

/**
 * Starts a dry run of re-scoring under a saved version: the preview's row and the outbox row
 * that queues its job, in one transaction. Asking again while the same preview runs returns it.
 */
@Injectable()
export class RequestVersionPreview {
  constructor(
    private readonly scope: FirmScope,
    private readonly previews: VersionPreviews,
    private readonly outbox: OutboxService,
  ) {}

  execute(command: RequestVersionPreviewCommand): Promise<{ previewId: string; created: boolean }> {
    return this.scope.run(command.firmId, async (tx) => {
      const running = await this.previews.running(tx, command.caseId, command.fromVersion, command.toVersion);
      if (running) return { previewId: running.id, created: false };
      const previewId = uuidv7();
      await this.previews.insert(tx, { id: previewId, caseId: command.caseId, fromVersion: command.fromVersion, toVersion: command.toVersion, requestedBy: command.staffId });
      await this.outbox.enqueue(tx, [{ topic: VERSION_PREVIEW_REQUESTED, aggregateId: previewId }]);
      return { previewId, created: true };
    });
  }
}
