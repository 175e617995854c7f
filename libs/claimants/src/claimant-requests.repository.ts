import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { ClaimantRequestEntity } from './entities/claimant-request.entity';

@Injectable()
export class ClaimantRequestsRepository {
  findOpen(tx: FirmTx, claimId: string, kind: ClaimantRequestEntity['kind']): Promise<ClaimantRequestEntity | null> {
    return tx.manager.findOne(ClaimantRequestEntity, { where: { claimId, kind, status: 'open' } });
  }

  async insert(tx: FirmTx, row: Pick<ClaimantRequestEntity, 'id' | 'claimId' | 'kind' | 'dueBy'>): Promise<void> {
    await tx.manager.insert(ClaimantRequestEntity, { ...row, firmId: tx.firmId });
  }

  forClaim(tx: FirmTx, claimId: string): Promise<ClaimantRequestEntity[]> {
    return tx.manager.find(ClaimantRequestEntity, { where: { claimId }, order: { requestedAt: 'ASC' } });
  }
}
