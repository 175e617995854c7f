import type { Assessment } from '@app/eligibility';
import { toRecord } from '../assessment-record';
import type { AssessmentRecord } from '../claims.repository';
import { openStaffRequest, staffRequestAssessment } from '../review/staff-request';
import type { RescoreRow } from './rescore-runs.repository';

/**
 * A claim's assessment under a newly activated version, as re-scoring writes it and its preview
 * counts it. A staff member's request for information still open on the claim is kept (its
 * items, its deadline, the verdict needs_information): a new version of the rules re-reads the
 * claim, but only the claimant's answer or a person ends what a person asked for.
 */
export function rescoreRecord(row: RescoreRow, toVersion: number, assessment: Assessment): AssessmentRecord {
  const record = toRecord({ id: row.claimId, factsVersion: row.factsVersion }, toVersion, 'rescore', row.verification!, assessment);
  const asked = openStaffRequest(row.deficiencies);
  if (asked.length === 0 || !row.cureBy) return record;
  return { ...staffRequestAssessment(record, record.factsVersion, asked, row.cureBy), trigger: 'rescore' };
}
