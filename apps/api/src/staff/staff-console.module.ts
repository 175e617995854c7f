import { Module } from '@nestjs/common';
import { StaffModule } from '@app/staff';
import { CasesConsoleModule } from './cases/cases-console.module';
import { DashboardConsoleModule } from './dashboard/dashboard-console.module';
import { FilingConsoleModule } from './filing/filing-console.module';
import { ReviewConsoleModule } from './review/review-console.module';
import { StaffAccountsController } from './staff-accounts.controller';
import { StaffInvitationController } from './staff-invitation.controller';
import { StaffSignInController } from './staff-sign-in.controller';

/**
 * The staff console: signing in and accounts here, each area of the work in its own module
 * (review, filing, dashboard and access log, case versions). Every route is behind StaffGuard
 * except the sign-in and invitation pages.
 */
@Module({
  imports: [StaffModule, ReviewConsoleModule, FilingConsoleModule, DashboardConsoleModule, CasesConsoleModule],
  controllers: [StaffSignInController, StaffInvitationController, StaffAccountsController],
})
export class StaffConsoleModule {}
