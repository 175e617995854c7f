import { Module } from '@nestjs/common';
import { StaffModule } from '@app/staff';

/** The review queue, a claim's file, decisions, notes and bulk decisions. */
@Module({
  imports: [StaffModule],
  controllers: [],
  providers: [],
})
export class ReviewConsoleModule {}
