import { Module } from '@nestjs/common';
import { FilingModule } from '@app/filing';
import { StaffModule } from '@app/staff';
import { BatchExportsController } from './batch-exports.controller';
import { BatchesApiController } from './batches-api.controller';
import { BatchesController } from './batches.controller';

/** Batches (filing rounds) and their exports: plaintiff lists and proof-of-mandate packs; the batches also as JSON. */
@Module({
  imports: [StaffModule, FilingModule],
  // Exports first: its static "claims/:claimId/..." routes sit beside the batch's ":id" ones.
  controllers: [BatchExportsController, BatchesController, BatchesApiController],
  providers: [],
})
export class FilingConsoleModule {}
