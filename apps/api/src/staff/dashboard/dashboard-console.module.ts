import { Module } from '@nestjs/common';
import { StaffModule } from '@app/staff';

/** The dashboard and weekly report, and the access log's page and monthly review. */
@Module({
  imports: [StaffModule],
  controllers: [],
  providers: [],
})
export class DashboardConsoleModule {}
