import { Module } from '@nestjs/common';
import { FilingModule } from '@app/filing';
import { StaffModule } from '@app/staff';
import { BatchExportsController } from './batch-exports.controller';
import { BatchesController } from './batches.controller';

/** Batches (filing rounds) and their exports: plaintiff lists and proof-of-mandate packs. */
@Module({
  imports: [StaffModule, FilingModule],
  // Exports first: its static "claims/:claimId/..." routes sit beside the batch's ":id" ones.
  controllers: [BatchExportsController, BatchesController],
  providers: [],
})
export class FilingConsoleModule {}
