import { AssessClaimHandler } from '../../libs/claimants/src/assess-claim.handler';
import { SendEmailHandler } from '../../libs/notifications/src/send-email.handler';

/** Job handlers are internal to their modules; tests reach them by class. */
export { AssessClaimHandler, SendEmailHandler };
