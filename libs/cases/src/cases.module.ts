import { Module } from '@nestjs/common';
import { DatabaseModule, TenantDirectory } from '@app/database';
import { CaseEntity } from './case.entity';
import { CaseSeeder } from './case-seeder';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { FirmDirectory } from './firm-directory';
import { FirmEntity } from './firm.entity';

/** Firms (the tenants) and their cases. */
@Module({
  imports: [DatabaseModule.forFeature([FirmEntity, CaseEntity])],
  providers: [CasesRepository, CasesService, CaseSeeder, { provide: TenantDirectory, useClass: FirmDirectory }],
  exports: [CasesService, CaseSeeder, TenantDirectory],
})
export class CasesModule {}
