import { Injectable } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import type { FirmTx } from '@app/database';
import { ClaimDraftEntity } from '../entities/claim-draft.entity';

@Injectable()
export class ClaimDraftsRepository {
  findByEmailHash(tx: FirmTx, caseId: string, emailHash: Buffer): Promise<ClaimDraftEntity | null> {
    return tx.manager.findOne(ClaimDraftEntity, { where: { caseId, emailHash } });
  }

  /** The draft, locked for the rest of the transaction when `lock` (two tabs saving at once take turns). */
  find(tx: FirmTx, id: string, lock = false): Promise<ClaimDraftEntity | null> {
    return tx.manager.findOne(ClaimDraftEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insert(tx: FirmTx, draft: Pick<ClaimDraftEntity, 'id' | 'caseId' | 'emailHash' | 'emailEnc' | 'locale' | 'expiresAt'>): Promise<void> {
    await tx.manager.insert(ClaimDraftEntity, { ...draft, firmId: tx.firmId, dataEnc: null, linkVersion: 1 });
  }

  /** An expired, never-submitted draft starts over: its data goes, and links made for it stop working. */
  async restart(tx: FirmTx, id: string, expiresAt: Date, locale: 'ko' | 'en'): Promise<number> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(ClaimDraftEntity)
      .set({ dataEnc: null, expiresAt, locale, linkVersion: () => 'link_version + 1', updatedAt: new Date() })
      .where('id = :id AND submitted_at IS NULL', { id })
      .returning('link_version')
      .execute();
    return (result.raw as { link_version: number }[])[0].link_version;
  }

  async saveData(tx: FirmTx, id: string, dataEnc: Buffer, locale: 'ko' | 'en'): Promise<void> {
    await tx.manager.update(ClaimDraftEntity, { id, submittedAt: IsNull() }, { dataEnc, locale, updatedAt: new Date() });
  }

  /** Drafts never submitted whose expiry passed before `dueBefore`. */
  async findExpired(tx: FirmTx, dueBefore: Date, limit: number): Promise<string[]> {
    const rows = await tx.manager.find(ClaimDraftEntity, { select: { id: true }, where: { submittedAt: IsNull(), expiresAt: LessThan(dueBefore) }, order: { expiresAt: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
  }

  async delete(tx: FirmTx, id: string): Promise<void> {
    await tx.manager.delete(ClaimDraftEntity, { id });
  }

  findForSending(tx: FirmTx, ids: string[]): Promise<ClaimDraftEntity[]> {
    return tx.manager
      .getRepository(ClaimDraftEntity)
      .createQueryBuilder('d')
      .where('d.id = ANY(:ids::uuid[])', { ids })
      .getMany();
  }
}
