import { Module } from '@nestjs/common';
import { StaffModule } from '@app/staff';
import { AccessLogController } from './access-log.controller';
import { DashboardController } from './dashboard.controller';

/** The dashboard and weekly report, and the access log's page and monthly review. */
@Module({
  imports: [StaffModule],
  controllers: [DashboardController, AccessLogController],
  providers: [],
})
export class DashboardConsoleModule {}
