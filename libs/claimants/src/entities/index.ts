import { ClaimAssessmentEntity } from './claim-assessment.entity';
import { ClaimEventEntity } from './claim-event.entity';
import { ClaimEntity } from './claim.entity';
import { ClaimantEntity } from './claimant.entity';
import { ConsentEntity } from './consent.entity';
import { SignatureEntity } from './signature.entity';

export { ClaimAssessmentEntity, ClaimEventEntity, ClaimEntity, ClaimantEntity, ConsentEntity, SignatureEntity };

/** The tables this module owns. */
export const CLAIMANTS_ENTITIES = [ClaimantEntity, ClaimEntity, ClaimEventEntity, ConsentEntity, SignatureEntity, ClaimAssessmentEntity];
