import { Injectable } from '@nestjs/common';
import type { FirmTx } from '@app/database';
import { EmailVerificationEntity } from './entities/email-verification.entity';

@Injectable()
export class EmailVerificationsRepository {
  async insert(tx: FirmTx, row: Omit<EmailVerificationEntity, 'firmId' | 'createdAt' | 'attempts' | 'verifiedAt'>): Promise<void> {
    await tx.manager.insert(EmailVerificationEntity, { ...row, firmId: tx.firmId });
  }

  /** Locked for the transaction, so concurrent guesses at one code are counted one by one. */
  find(tx: FirmTx, caseId: string, id: string): Promise<EmailVerificationEntity | null> {
    return tx.manager.findOne(EmailVerificationEntity, { where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Counts a wrong code. */
  async countAttempt(tx: FirmTx, id: string): Promise<void> {
    await tx.manager.increment(EmailVerificationEntity, { id }, 'attempts', 1);
  }

  /** Marks the code used; false if another request used it first (single use). */
  async markVerified(tx: FirmTx, id: string): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(EmailVerificationEntity)
      .set({ verifiedAt: () => 'now()' })
      .where('id = :id AND verified_at IS NULL', { id })
      .execute();
    return result.affected === 1;
  }

  findForSending(tx: FirmTx, ids: string[]): Promise<EmailVerificationEntity[]> {
    return tx.manager
      .getRepository(EmailVerificationEntity)
      .createQueryBuilder('v')
      .where('v.id = ANY(:ids::uuid[])', { ids })
      .getMany();
  }
}
