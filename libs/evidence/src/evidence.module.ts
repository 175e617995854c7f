import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { FileCipher } from '@app/crypto';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { EVIDENCE_SETTINGS, EVIDENCE_STORE, type EvidenceSettings } from './evidence-settings';
import { EvidenceFileEntity } from './evidence-file.entity';
import { EvidenceFolders } from './evidence-folders';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { EVIDENCE_QUEUE, EVIDENCE_ROUTES } from './evidence.queue';
import { EvidenceService } from './evidence.service';
import { PrepareEvidenceHandler } from './prepare-evidence.handler';
import type { EvidenceStore } from './storage/evidence-store';
import { LocalDiskStore } from './storage/local-disk.store';
import { S3Store } from './storage/s3.store';
import { StuckEvidence } from './stuck-evidence.source';

/** The store the configuration names: a folder on this machine (never a served one), or an S3-compatible bucket. */
export function evidenceStoreFrom(c: AppConfig): EvidenceStore {
  if (c.EVIDENCE_STORE === 'local') return new LocalDiskStore(c.EVIDENCE_DIR);
  return new S3Store({
    bucket: c.EVIDENCE_S3_BUCKET!,
    region: c.EVIDENCE_S3_REGION,
    endpoint: c.EVIDENCE_S3_ENDPOINT,
    accessKeyId: c.EVIDENCE_S3_ACCESS_KEY_ID,
    secretAccessKey: c.EVIDENCE_S3_SECRET_ACCESS_KEY,
    forcePathStyle: c.EVIDENCE_S3_FORCE_PATH_STYLE,
  });
}

/** Evidence uploads: taken in, stored encrypted, prepared for review by a job per file. */
@Module({
  imports: [DatabaseModule.forFeature([EvidenceFileEntity]), QueueModule.forFeature({ queues: [EVIDENCE_QUEUE], routes: EVIDENCE_ROUTES })],
  providers: [
    { provide: EVIDENCE_STORE, inject: [AppConfig], useFactory: evidenceStoreFrom },
    { provide: FileCipher, inject: [AppConfig], useFactory: (c: AppConfig) => FileCipher.fromConfig(c.EVIDENCE_KEYS, c.EVIDENCE_ACTIVE_KEY_ID) },
    { provide: EVIDENCE_SETTINGS, inject: [AppConfig], useFactory: (c: AppConfig): EvidenceSettings => ({ tmpDir: c.EVIDENCE_TMP_DIR, maxFileBytes: c.EVIDENCE_MAX_FILE_BYTES }) },
    EvidenceFolders,
    EvidenceFilesRepository,
    EvidenceService,
    PrepareEvidenceHandler,
    StuckEvidence,
  ],
  exports: [EvidenceService],
})
export class EvidenceModule {}
