import { AssessClaimHandler } from '../../libs/claimants/src/assess-claim.handler';

/** The assess handler is internal to the claimants module; tests reach it by class. */
export const AssessClaimHandlerForTest = { token: AssessClaimHandler };
