import { Injectable } from '@nestjs/common';
import { FirmScope, type FirmTx, sqlRows } from '@app/database';
import { StaffAccountEntity } from './entities/staff-account.entity';

@Injectable()
export class StaffAccountsRepository {
  constructor(private readonly scope: FirmScope) {}

  /** The firm an email's (enabled) account belongs to, read outside any firm (see staff_sign_in_firm()). */
  async firmOfEmail(emailHash: Buffer): Promise<string | null> {
    const [row] = await sqlRows<{ firmId: string | null }>(this.scope.unscoped, `SELECT staff_sign_in_firm($1) AS "firmId"`, [emailHash]);
    return row?.firmId ?? null;
  }

  findByEmailHash(tx: FirmTx, emailHash: Buffer, lock = false): Promise<StaffAccountEntity | null> {
    return tx.manager.findOne(StaffAccountEntity, { where: { emailHash }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  find(tx: FirmTx, id: string, lock = false): Promise<StaffAccountEntity | null> {
    return tx.manager.findOne(StaffAccountEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insert(tx: FirmTx, account: Omit<StaffAccountEntity, 'firmId' | 'createdAt' | 'failedAttempts' | 'lockedUntil' | 'totpLastStep' | 'recoveryCodes' | 'disabledAt'>): Promise<void> {
    await tx.manager.insert(StaffAccountEntity, { ...account, firmId: tx.firmId });
  }

  async update(tx: FirmTx, id: string, change: Partial<StaffAccountEntity>): Promise<void> {
    await tx.manager.update(StaffAccountEntity, { id }, change);
  }

  count(tx: FirmTx): Promise<number> {
    return tx.manager.count(StaffAccountEntity);
  }

  /** A firm's accounts, oldest first (a firm has tens of staff, not thousands). */
  all(tx: FirmTx): Promise<StaffAccountEntity[]> {
    return tx.manager.find(StaffAccountEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
