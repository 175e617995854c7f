import { Module } from '@nestjs/common';
import { StaffModule } from '@app/staff';

/** Case versions: upload, validation, preview and activation. */
@Module({
  imports: [StaffModule],
  controllers: [],
  providers: [],
})
export class CasesConsoleModule {}
