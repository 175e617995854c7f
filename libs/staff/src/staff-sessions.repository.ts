import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { FirmTx } from '@app/database';
import { StaffSessionEntity } from './entities/staff-session.entity';

@Injectable()
export class StaffSessionsRepository {
  find(tx: FirmTx, id: string): Promise<StaffSessionEntity | null> {
    return tx.manager.findOne(StaffSessionEntity, { where: { id } });
  }

  async insert(tx: FirmTx, session: Omit<StaffSessionEntity, 'firmId' | 'createdAt' | 'lastSeenAt' | 'revokedAt'>): Promise<void> {
    await tx.manager.insert(StaffSessionEntity, { ...session, firmId: tx.firmId });
  }

  async touch(tx: FirmTx, id: string): Promise<void> {
    await tx.manager.update(StaffSessionEntity, { id }, { lastSeenAt: new Date() });
  }

  async revoke(tx: FirmTx, id: string): Promise<void> {
    await tx.manager.update(StaffSessionEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every session of an account (sign out everywhere, a password change, a lock). */
  async revokeAll(tx: FirmTx, staffId: string): Promise<number> {
    const result = await tx.manager.update(StaffSessionEntity, { staffId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }
}
