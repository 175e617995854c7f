import { Injectable } from '@nestjs/common';
import { FirmScope } from '@app/database';
import { CaseEntity } from './case.entity';
import { CaseSeed, DEMO_CASE, DEMO_FIRM, FirmSeed } from './demo-case';
import { FirmEntity } from './firm.entity';

/** Writes a firm and its case, as that firm. Safe to run again: both are upserted by id. */
@Injectable()
export class CaseSeeder {
  constructor(private readonly scope: FirmScope) {}

  seed(firm: FirmSeed, kase: CaseSeed): Promise<void> {
    return this.scope.run(firm.id, async (tx) => {
      await tx.manager.upsert(FirmEntity, firm, ['id']);
      await tx.manager.upsert(CaseEntity, { ...kase, updatedAt: new Date() }, ['id']);
    });
  }

  seedDemo(): Promise<void> {
    return this.seed(DEMO_FIRM, DEMO_CASE);
  }
}
