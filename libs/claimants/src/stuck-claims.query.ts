import { staleWork } from '@app/queue';

/** Claims still waiting for their first assessment long after submission. */
export const STUCK_CLAIMS = staleWork({
  name: 'claims awaiting assessment',
  topic: 'claim.submitted',
  table: 'claims',
  unfinished: `t.status = 'submitted'`,
});
