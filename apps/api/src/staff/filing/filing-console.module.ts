import { Module } from '@nestjs/common';
import { StaffModule } from '@app/staff';

/** Batches (filing rounds) and their exports: plaintiff lists and proof-of-mandate packs. */
@Module({
  imports: [StaffModule],
  controllers: [],
  providers: [],
})
export class FilingConsoleModule {}
