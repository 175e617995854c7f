import { Injectable } from '@nestjs/common';
import { FirmScope, FirmTx } from '@app/database';
import type { CaseDefinition } from './case-definition';
import { CaseActivationEntity, CaseEntity, CaseVersionEntity } from './case.entity';
import { FirmEntity } from './firm.entity';

/**
 * Cases and their versions are public facts (the case page shows them), so they are read outside
 * any firm's scope; row-level security lets an unscoped session read firms, cases and case
 * versions and nothing else. Writes happen inside the owning firm's transaction.
 */
@Injectable()
export class CasesRepository {
  constructor(private readonly scope: FirmScope) {}

  findCaseWithFirm(where: { slug: string } | { id: string }): Promise<CaseEntity | null> {
    return this.scope.unscoped.findOne(CaseEntity, { where, relations: { firm: true } });
  }

  findCase(where: { slug: string } | { id: string }): Promise<CaseEntity | null> {
    return this.scope.unscoped.findOne(CaseEntity, { where });
  }

  findVersion(caseId: string, version: number): Promise<CaseVersionEntity | null> {
    return this.scope.unscoped.findOne(CaseVersionEntity, { where: { caseId, version } });
  }

  async definitions(tx: FirmTx, caseId: string): Promise<CaseVersionEntity[]> {
    return tx.manager.find(CaseVersionEntity, { where: { caseId }, order: { version: 'ASC' } });
  }

  /** Locks the case row for the rest of the transaction: versions are numbered and activated one at a time. */
  lockCase(tx: FirmTx, caseId: string): Promise<CaseEntity | null> {
    return tx.manager.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
  }

  async insertVersion(tx: FirmTx, row: Omit<CaseVersionEntity, 'createdAt' | 'firmId'>): Promise<void> {
    // Through the query builder: the entity's jsonb column is typed as the document, which
    // TypeORM's partial-entity type cannot follow.
    await tx.manager.createQueryBuilder().insert().into(CaseVersionEntity).values([{ ...row, firmId: tx.firmId }] as object[]).execute();
  }

  async activate(tx: FirmTx, c: CaseEntity, def: CaseDefinition, activation: Omit<CaseActivationEntity, 'at' | 'firmId' | 'caseId'>): Promise<void> {
    await tx.manager.update(CaseEntity, { id: c.id }, {
      activeVersion: activation.toVersion,
      intakeOpensAt: new Date(def.intake.opensAt),
      intakeClosesAt: new Date(def.intake.closesAt),
      updatedAt: new Date(),
    });
    await tx.manager.insert(CaseActivationEntity, { ...activation, caseId: c.id, firmId: tx.firmId });
  }

  findActivation(tx: FirmTx, id: string): Promise<CaseActivationEntity | null> {
    return tx.manager.findOne(CaseActivationEntity, { where: { id } });
  }

  activations(tx: FirmTx, caseId: string): Promise<CaseActivationEntity[]> {
    return tx.manager.find(CaseActivationEntity, { where: { caseId }, order: { at: 'ASC' } });
  }

  async insertCaseIfAbsent(tx: FirmTx, c: Pick<CaseEntity, 'id' | 'slug' | 'claimPrefix' | 'intakeOpensAt' | 'intakeClosesAt'>): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(CaseEntity).values({ ...c, firmId: tx.firmId, activeVersion: null }).orIgnore().execute();
  }

  findFirm(slug: string): Promise<FirmEntity | null> {
    return this.scope.unscoped.findOne(FirmEntity, { where: { slug } });
  }

  async firmIds(): Promise<string[]> {
    const firms = await this.scope.unscoped.find(FirmEntity, { select: { id: true }, order: { id: 'ASC' } });
    return firms.map((f) => f.id);
  }
}
