import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AcceptedType } from './files/file-policy';

export type EvidenceStatus = 'stored' | 'ready' | 'unreadable';

/**
 * One uploaded file. Its bytes are in the evidence store under a random name, encrypted with a
 * key of its own that is kept here wrapped by the master key; the original's SHA-256 is what
 * proves later which file the claimant gave. `ownerId` is a draft's id, which becomes the
 * claim's id when the draft is submitted.
 */
@Entity('evidence_files')
export class EvidenceFileEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'firm_id' })
  firmId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  /** One of the case's evidence kinds (breach_notice, family_certificate, ...). */
  @Column('text')
  kind: string;

  @Column('text', { name: 'media_type' })
  mediaType: AcceptedType;

  @Column('bytea', { name: 'original_sha256' })
  originalSha256: Buffer;

  @Column('integer', { name: 'original_bytes' })
  originalBytes: number;

  @Column('integer', { name: 'stored_bytes' })
  storedBytes: number;

  @Column('text', { name: 'storage_key' })
  storageKey: string;

  @Column('bytea', { name: 'wrapped_key' })
  wrappedKey: Buffer;

  @Column('integer', { nullable: true })
  width: number | null;

  @Column('integer', { nullable: true })
  height: number | null;

  @Column('integer', { name: 'page_count', nullable: true })
  pageCount: number | null;

  @Column('text', { name: 'thumbnail_key', nullable: true })
  thumbnailKey: string | null;

  @Column('bytea', { name: 'thumbnail_wrapped_key', nullable: true })
  thumbnailWrappedKey: Buffer | null;

  /** stored: kept, not yet prepared for review; ready: thumbnail and page count made; unreadable: the preparation could not read it. */
  @Column('text', { default: 'stored' })
  status: EvidenceStatus;

  @Column('text', { name: 'uploaded_by' })
  uploadedBy: 'claimant' | 'staff';

  @Column('bytea', { name: 'uploaded_ip_hash', nullable: true })
  uploadedIpHash: Buffer | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'prepared_at', nullable: true })
  preparedAt: Date | null;

  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt: Date | null;
}
