import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { StaffModule } from '@app/staff';
import { BulkDecisionsController } from './bulk-decisions.controller';
import { ClaimFileController } from './claim-file.controller';
import { ReviewCases } from './review-context';
import { ReviewQueueController } from './review-queue.controller';
import { StaffClaimsApiController } from './staff-claims-api.controller';

/** The review queue, a claim's file, decisions one at a time and in bulk. */
@Module({
  imports: [StaffModule, CasesModule],
  // The bulk routes before the claim's (/staff/claims/bulk is not a claim id).
  controllers: [ReviewQueueController, BulkDecisionsController, ClaimFileController, StaffClaimsApiController],
  providers: [ReviewCases],
})
export class ReviewConsoleModule {}
