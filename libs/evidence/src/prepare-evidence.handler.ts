import { Inject, Injectable, Logger } from '@nestjs/common';
import { FileCipher } from '@app/crypto';
import { FirmScope } from '@app/database';
import { HandlesJob, JobHandler, PayloadOf } from '@app/queue';
import { EVIDENCE_STORE } from './evidence-settings';
import type { EvidenceFileEntity } from './evidence-file.entity';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { PREPARE_EVIDENCE } from './evidence.queue';
import { storeBuffer } from './files/encrypted-object';
import { EVIDENCE_LIMITS, UploadRefused } from './files/file-policy';
import { pdfPageCount, thumbnail } from './files/prepare';
import { openStored } from './files/store-upload';
import type { EvidenceStore } from './storage/evidence-store';

type Payload = PayloadOf<typeof PREPARE_EVIDENCE>;

/**
 * Prepares an upload for review: a thumbnail of an image (encrypted and stored like the file,
 * under its own key), a PDF's page count. A file the preparation cannot read is marked
 * unreadable for staff to look at; it is not retried. A repeated job finds the file prepared
 * and does nothing; a thumbnail made by a runner that lost the race is deleted again.
 */
@JobHandler(PREPARE_EVIDENCE)
@Injectable()
export class PrepareEvidenceHandler implements HandlesJob<Payload> {
  private readonly logger = new Logger(PrepareEvidenceHandler.name);

  constructor(
    private readonly scope: FirmScope,
    private readonly files: EvidenceFilesRepository,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    private readonly cipher: FileCipher,
  ) {}

  async handle({ fileId, firmId }: Payload): Promise<void> {
    const file = await this.scope.run(firmId, (tx) => this.files.find(tx, fileId));
    if (!file || file.status !== 'stored' || file.removedAt) return;
    const result = await this.prepare(file);
    const recorded = await this.scope.run(firmId, (tx) => this.files.markPrepared(tx, fileId, result));
    if (!recorded && result.thumbnailKey) await this.store.delete(result.thumbnailKey);
  }

  private async prepare(file: EvidenceFileEntity): Promise<Pick<EvidenceFileEntity, 'status' | 'pageCount' | 'thumbnailKey' | 'thumbnailWrappedKey'>> {
    const deps = { store: this.store, cipher: this.cipher };
    try {
      const bytes = await openStored(deps, file);
      if (file.mediaType === 'application/pdf') {
        return { status: 'ready', pageCount: await pdfPageCount(bytes, EVIDENCE_LIMITS.maxFileBytes + 1024), thumbnailKey: null, thumbnailWrappedKey: null };
      }
      const thumb = await storeBuffer(deps, await thumbnail(bytes), { aad: `evidence:${file.id}:thumbnail` });
      return { status: 'ready', pageCount: 1, thumbnailKey: thumb.storageKey, thumbnailWrappedKey: thumb.wrappedKey };
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error;
      this.logger.warn({ fileId: file.id, code: error.code }, 'evidence file could not be prepared');
      return { status: 'unreadable', pageCount: null, thumbnailKey: null, thumbnailWrappedKey: null };
    }
  }
}
