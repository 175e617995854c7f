import type { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { FileCipher } from '@app/crypto';
import type { FirmTx } from '@app/database';
import { ApiException } from '@app/http';
import { OutboxService } from '@app/queue';
import { EVIDENCE_SETTINGS, EVIDENCE_STORE, type EvidenceSettings } from './evidence-settings';
import type { EvidenceFileEntity } from './evidence-file.entity';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { EVIDENCE_STORED } from './evidence.queue';
import { EVIDENCE_LIMITS, UploadRefused } from './files/file-policy';
import { openStored, type StoredUpload, storeUpload } from './files/store-upload';
import type { EvidenceStore } from './storage/evidence-store';

/** An upload taken in and stored, not yet recorded against anyone. */
export interface ReceivedFile extends StoredUpload {
  fileId: string;
}

/** A file as its owner's screens show it: no storage names, no keys. */
export interface EvidenceFileView {
  id: string;
  kind: string;
  mediaType: EvidenceFileEntity['mediaType'];
  bytes: number;
  width: number | null;
  height: number | null;
  pageCount: number | null;
  hasThumbnail: boolean;
  uploadedAt: Date;
}

/** Refusals the upload's form shows beside the file field, in the person's language. */
const STATUS: Partial<Record<UploadRefused['code'], HttpStatus>> = { tooLarge: HttpStatus.PAYLOAD_TOO_LARGE };

/**
 * Evidence uploads: taking in a file (slow, outside any transaction: type by its bytes, EXIF
 * stripped, encrypted, stored), recording it for its owner in the caller's transaction (at most
 * EVIDENCE_LIMITS.maxFilesPerClaim, each original once), and reading it back for its owner.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    private readonly cipher: FileCipher,
    @Inject(EVIDENCE_SETTINGS) private readonly settings: EvidenceSettings,
    private readonly files: EvidenceFilesRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** Takes in one upload. A refused file is a 4xx naming why, on the field `file`. */
  async receive(source: Readable): Promise<ReceivedFile> {
    const fileId = uuidv7();
    try {
      const stored = await storeUpload(source, { store: this.store, cipher: this.cipher, tmpDir: this.settings.tmpDir, fileId, maxBytes: this.settings.maxFileBytes });
      return { fileId, ...stored };
    } catch (error) {
      if (error instanceof UploadRefused) throw refusal(error.code, error.detected);
      throw error;
    }
  }

  /**
   * Records a received file for its owner in the caller's transaction, with the outbox row that
   * prepares it for review. Past the cap: a 4xx, and the caller discards the bytes. The same
   * original again (a retry after a lost answer, a double tap) is the file already there, and
   * `added: false` tells the caller to discard the new copy's bytes.
   */
  async save(
    tx: FirmTx,
    file: ReceivedFile,
    meta: { caseId: string; ownerId: string; kind: string; uploadedBy: 'claimant' | 'staff'; uploadedIpHash: Buffer | null },
  ): Promise<{ file: EvidenceFileView; added: boolean }> {
    const result = await this.files.add(
      tx,
      {
        id: file.fileId,
        caseId: meta.caseId,
        ownerId: meta.ownerId,
        kind: meta.kind,
        mediaType: file.mediaType,
        originalSha256: file.originalSha256,
        originalBytes: file.originalBytes,
        storedBytes: file.storedBytes,
        storageKey: file.storageKey,
        wrappedKey: file.wrappedKey,
        width: file.width ?? null,
        height: file.height ?? null,
        uploadedBy: meta.uploadedBy,
        uploadedIpHash: meta.uploadedIpHash,
      },
      EVIDENCE_LIMITS.maxFilesPerClaim,
    );
    if (result.outcome === 'duplicate') return { file: view(result.existing), added: false };
    if (result.outcome === 'full') throw refusal('tooMany');
    await this.outbox.enqueue(tx, [{ topic: EVIDENCE_STORED, aggregateId: file.fileId }]);
    const saved: EvidenceFileView = {
      id: file.fileId, kind: meta.kind, mediaType: file.mediaType, bytes: file.originalBytes, width: file.width ?? null, height: file.height ?? null,
      pageCount: null, hasThumbnail: false, uploadedAt: new Date(),
    };
    return { file: saved, added: true };
  }

  /** Deletes the bytes of a file that was not recorded (refused, or its transaction failed). */
  async discard(file: ReceivedFile): Promise<void> {
    await this.store.delete(file.storageKey).catch((error: unknown) => this.logger.warn({ err: error, fileId: file.fileId }, 'could not delete an unrecorded upload'));
  }

  async list(tx: FirmTx, ownerId: string): Promise<EvidenceFileView[]> {
    return (await this.files.listForOwner(tx, ownerId)).map(view);
  }

  /** The files as the firm's reviewers see them: with the original's SHA-256 and who uploaded it. */
  async listForStaff(tx: FirmTx, ownerId: string): Promise<(EvidenceFileView & { sha256: string; uploadedBy: 'claimant' | 'staff' })[]> {
    return (await this.files.listForOwner(tx, ownerId)).map((f) => ({ ...view(f), sha256: f.originalSha256.toString('hex'), uploadedBy: f.uploadedBy }));
  }

  /** A file's original (as stored: images re-encoded without their metadata), or null if it is not the owner's. */
  async openOriginal(tx: FirmTx, ownerId: string, fileId: string): Promise<{ stream: Readable; mediaType: EvidenceFileEntity['mediaType'] } | null> {
    const file = await this.files.find(tx, fileId);
    if (!file || file.ownerId !== ownerId || file.removedAt) return null;
    const stream = await openStored({ store: this.store, cipher: this.cipher }, { id: file.id, storageKey: file.storageKey, wrappedKey: file.wrappedKey });
    return { stream, mediaType: file.mediaType };
  }

  /** Kinds of the files each owner holds (one entry per file), for the rules' counts. */
  kindsByOwner(tx: FirmTx, ownerIds: string[]): Promise<Map<string, string[]>> {
    return this.files.kindsByOwner(tx, ownerIds);
  }

  /** A file's thumbnail (JPEG) for its owner, or null if the file is not theirs or has none yet. */
  async openThumbnail(tx: FirmTx, ownerId: string, fileId: string): Promise<Readable | null> {
    const file = await this.files.find(tx, fileId);
    if (!file || file.ownerId !== ownerId || file.removedAt || !file.thumbnailKey || !file.thumbnailWrappedKey) return null;
    return openStored({ store: this.store, cipher: this.cipher }, { id: `${file.id}:thumbnail`, storageKey: file.thumbnailKey, wrappedKey: file.thumbnailWrappedKey });
  }

  /**
   * Forgets every file of an owner in the caller's transaction (a draft deleted at its expiry).
   * Returns a function that deletes the bytes, to call once that transaction has committed: a
   * crash in between leaves bytes no row points to, which nobody can read (their keys are gone).
   */
  async forgetOwner(tx: FirmTx, ownerId: string): Promise<() => Promise<void>> {
    const keys = await this.files.deleteForOwner(tx, ownerId);
    return async () => {
      for (const key of keys) await this.store.delete(key);
    };
  }

  /** The owner takes a file back (while it is still theirs to change); its bytes are deleted. */
  async remove(tx: FirmTx, ownerId: string, fileId: string): Promise<boolean> {
    const file = await this.files.remove(tx, ownerId, fileId);
    if (!file) return false;
    for (const key of [file.storageKey, file.thumbnailKey]) {
      if (key) await this.store.delete(key);
    }
    return true;
  }
}

function view(f: EvidenceFileEntity): EvidenceFileView {
  return {
    id: f.id, kind: f.kind, mediaType: f.mediaType, bytes: f.originalBytes, width: f.width, height: f.height, pageCount: f.pageCount,
    hasThumbnail: f.thumbnailKey !== null, uploadedAt: f.createdAt,
  };
}

function refusal(code: string, detected?: string): ApiException {
  return new ApiException(STATUS[code as UploadRefused['code']] ?? HttpStatus.UNPROCESSABLE_ENTITY, 'evidence.refused', [
    { field: 'file', code: `evidence.${code}`, ...(detected ? { label: { ko: detected.toUpperCase(), en: detected.toUpperCase() } } : {}) },
  ]);
}
