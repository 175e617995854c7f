import { Injectable } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { type FirmTx, sqlRows } from '@app/database';
import { EvidenceFileEntity } from './evidence-file.entity';

export type NewEvidenceFile = Pick<
  EvidenceFileEntity,
  'id' | 'caseId' | 'ownerId' | 'kind' | 'mediaType' | 'originalSha256' | 'originalBytes' | 'storedBytes' | 'storageKey' | 'wrappedKey' | 'width' | 'height' | 'uploadedBy' | 'uploadedIpHash'
>;

export type AddOutcome = { outcome: 'added' } | { outcome: 'duplicate'; existing: EvidenceFileEntity } | { outcome: 'full' };

@Injectable()
export class EvidenceFilesRepository {
  /**
   * Adds a file to its owner's, unless the owner already holds this original or `max` files. The
   * owner is locked for the transaction, so two uploads at once cannot both pass the count.
   */
  async add(tx: FirmTx, row: NewEvidenceFile, max: number): Promise<AddOutcome> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [row.ownerId]);
    const [held] = await sqlRows<{ files: number; same: number }>(
      tx.manager,
      `SELECT count(*)::int AS files, count(*) FILTER (WHERE original_sha256 = $2)::int AS same
         FROM evidence_files WHERE owner_id = $1 AND removed_at IS NULL`,
      [row.ownerId, row.originalSha256],
    );
    if (held.same > 0) {
      const existing = await tx.manager.findOneOrFail(EvidenceFileEntity, { where: { ownerId: row.ownerId, originalSha256: row.originalSha256, removedAt: IsNull() } });
      return { outcome: 'duplicate', existing };
    }
    if (held.files >= max) return { outcome: 'full' };
    await tx.manager.insert(EvidenceFileEntity, { ...row, firmId: tx.firmId });
    return { outcome: 'added' };
  }

  /** An owner's files, oldest first (removed ones left out). */
  listForOwner(tx: FirmTx, ownerId: string): Promise<EvidenceFileEntity[]> {
    return tx.manager
      .getRepository(EvidenceFileEntity)
      .createQueryBuilder('f')
      .where('f.owner_id = :ownerId AND f.removed_at IS NULL', { ownerId })
      .orderBy('f.created_at', 'ASC')
      .getMany();
  }

  /** The kinds of each owner's files, one entry per file: what the rules count. */
  async kindsByOwner(tx: FirmTx, ownerIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return out;
    const rows = await sqlRows<{ ownerId: string; kind: string }>(
      tx.manager,
      `SELECT owner_id AS "ownerId", kind FROM evidence_files WHERE owner_id = ANY($1::uuid[]) AND removed_at IS NULL`,
      [ownerIds],
    );
    for (const r of rows) out.get(r.ownerId)?.push(r.kind);
    return out;
  }

  find(tx: FirmTx, id: string): Promise<EvidenceFileEntity | null> {
    return tx.manager.findOne(EvidenceFileEntity, { where: { id } });
  }

  async markPrepared(tx: FirmTx, id: string, result: Pick<EvidenceFileEntity, 'status' | 'pageCount' | 'thumbnailKey' | 'thumbnailWrappedKey'>): Promise<boolean> {
    const updated = await tx.manager.update(EvidenceFileEntity, { id, status: 'stored' }, { ...result, preparedAt: new Date() });
    return (updated.affected ?? 0) > 0;
  }

  /** Marks a file removed (its bytes are deleted by the caller); false if it is not the owner's. */
  async remove(tx: FirmTx, ownerId: string, id: string): Promise<EvidenceFileEntity | null> {
    const file = await tx.manager.findOne(EvidenceFileEntity, { where: { id, ownerId } });
    if (!file || file.removedAt) return null;
    await tx.manager.update(EvidenceFileEntity, { id }, { removedAt: new Date() });
    return file;
  }

  /** Deletes every file row of an owner (a draft that expired); returns the storage names to delete once committed. */
  async deleteForOwner(tx: FirmTx, ownerId: string): Promise<string[]> {
    const rows = await sqlRows<{ storageKey: string; thumbnailKey: string | null }>(
      tx.manager,
      `DELETE FROM evidence_files WHERE owner_id = $1 RETURNING storage_key AS "storageKey", thumbnail_key AS "thumbnailKey"`,
      [ownerId],
    );
    return rows.flatMap((r) => [r.storageKey, ...(r.thumbnailKey ? [r.thumbnailKey] : [])]);
  }

  /** Files stored long ago and still not prepared: their job was lost. */
  async findStale(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    const rows = await tx.manager.find(EvidenceFileEntity, {
      select: { id: true },
      where: { status: 'stored', createdAt: LessThan(dueBefore) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }
}
