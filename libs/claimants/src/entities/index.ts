import { ClaimAssessmentEntity } from './claim-assessment.entity';
import { ClaimEventEntity } from './claim-event.entity';
import { ClaimEntity } from './claim.entity';
import { ClaimantEntity } from './claimant.entity';
import { ConsentEntity } from './consent.entity';
import { EmailVerificationEntity } from './email-verification.entity';
import { SignatureEntity } from './signature.entity';
import { ClaimFlagEntity } from './claim-flag.entity';
import { RescoreRunEntity } from './rescore-run.entity';
import { ClaimDraftEntity } from './claim-draft.entity';
import { GuardianEntity } from './guardian.entity';
import { ClaimantRequestEntity } from './claimant-request.entity';
import { ClaimDecisionEntity } from './claim-decision.entity';
import { ClaimNoteEntity } from './claim-note.entity';
import { BulkJobEntity, BulkJobItemEntity } from './bulk-job.entity';

export { ClaimDecisionEntity, ClaimNoteEntity, BulkJobEntity, BulkJobItemEntity, ClaimDraftEntity, GuardianEntity, ClaimantRequestEntity, ClaimFlagEntity, RescoreRunEntity, ClaimAssessmentEntity, ClaimEventEntity, ClaimEntity, ClaimantEntity, ConsentEntity, EmailVerificationEntity, SignatureEntity };

/** The tables this module owns. */
export const CLAIMANTS_ENTITIES = [ClaimantEntity, ClaimEntity, ClaimEventEntity, ConsentEntity, SignatureEntity, ClaimAssessmentEntity, EmailVerificationEntity, ClaimFlagEntity, RescoreRunEntity, ClaimDraftEntity, GuardianEntity, ClaimantRequestEntity,
  ClaimDecisionEntity, ClaimNoteEntity, BulkJobEntity, BulkJobItemEntity];
