import { Module } from '@nestjs/common';
import { DatabaseModule, TenantDirectory } from '@app/database';
import { CaseActivationEntity, CaseEntity, CaseVersionEntity } from './case.entity';
import { CaseSeeder } from './case-seeder';
import { CaseVersions } from './case-versions.service';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { FirmCases } from './firm-cases.query';
import { FirmDirectory } from './firm-directory';
import { FirmEntity } from './firm.entity';

/** Firms (the tenants), their cases and the cases' versioned definitions. */
@Module({
  imports: [DatabaseModule.forFeature([FirmEntity, CaseEntity, CaseVersionEntity, CaseActivationEntity])],
  providers: [CasesRepository, CasesService, CaseVersions, CaseSeeder, FirmCases, { provide: TenantDirectory, useClass: FirmDirectory }],
  exports: [CasesService, CaseVersions, CaseSeeder, FirmCases, TenantDirectory],
})
export class CasesModule {}
