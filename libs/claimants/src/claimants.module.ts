import { Global, Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { NotificationsModule, RecipientDirectory } from '@app/notifications';
import { AssessClaimHandler } from './assess-claim.handler';
import { ClaimStatusQuery } from './claim-status.query';
import { ClaimantRecipients } from './claimant-recipients';
import { ClaimsController } from './claims.controller';
import { ClaimsRepository } from './claims.repository';
import { SubmitClaim } from './submit-claim.usecase';

/**
 * The person, the claim and its status machine. Global only so that the notifications
 * module can reach RecipientDirectory without importing this module back.
 */
@Global()
@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [ClaimsController],
  providers: [
    ClaimsRepository,
    SubmitClaim,
    ClaimStatusQuery,
    AssessClaimHandler,
    { provide: RecipientDirectory, useClass: ClaimantRecipients },
  ],
  exports: [RecipientDirectory, ClaimStatusQuery],
})
export class ClaimantsModule {}
