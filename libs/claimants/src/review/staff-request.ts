import { type Deficiency, type RuleResult, STAFF_REQUEST_RULE } from '@app/eligibility';
import type { AssessmentRecord } from '../claims.repository';

/**
 * A staff request for information as an assessment: the latest one copied under the new facts
 * version, its verdict needs_information, with a result naming the request and the chosen items
 * added to what it already asked for, and the new deadline. The claimant's page, the notice and
 * the cure read it as they read any other request.
 */
export function staffRequestAssessment(
  latest: AssessmentRecord,
  factsVersion: number,
  items: string[],
  cureBy: string,
): AssessmentRecord {
  const reasons: RuleResult[] = [...latest.reasons.filter((r) => r.rule !== STAFF_REQUEST_RULE), { rule: STAFF_REQUEST_RULE, outcome: 'needs_information' }];
  const asked = new Set(latest.deficiencies.map((d) => d.item));
  const deficiencies: Deficiency[] = [...latest.deficiencies, ...items.filter((i) => !asked.has(i)).map((item) => ({ rule: STAFF_REQUEST_RULE, item }))];
  return {
    claimId: latest.claimId,
    factsVersion,
    caseVersion: latest.caseVersion,
    trigger: 'staff-request',
    rulesVersion: latest.rulesVersion,
    modelVersion: latest.modelVersion,
    verification: latest.verification,
    verdict: 'needs_information',
    reasons,
    deficiencies,
    cureBy,
    estimateWon: latest.estimateWon,
    estimateBreakdown: latest.estimateBreakdown,
    estimateInputs: latest.estimateInputs,
  };
}

/** The items of a staff request still open in an assessment's deficiencies (none once the claimant has answered). */
export function openStaffRequest(deficiencies: readonly Deficiency[] | null): string[] {
  return (deficiencies ?? []).filter((d) => d.rule === STAFF_REQUEST_RULE).map((d) => d.item);
}
