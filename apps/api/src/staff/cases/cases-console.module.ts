import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { StaffModule } from '@app/staff';
import { CaseVersionsController } from './case-versions.controller';
import { MultipartFormFields } from './definition-upload';

/** Case versions: upload, validation, preview and activation. */
@Module({
  imports: [StaffModule, CasesModule],
  controllers: [CaseVersionsController],
  providers: [MultipartFormFields],
})
export class CasesConsoleModule {}
