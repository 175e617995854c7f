import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEMO_CASE_SLUG, demoClaimBody } from '@app/cases';
import { CLAIM_STATUSES, type ClaimStatusQuery } from '@app/claimants';
import { VERDICTS } from '@app/eligibility';
import { message } from '@app/http';
import { BilingualText } from './bilingual-text';

type StatusView = Awaited<ReturnType<ClaimStatusQuery['byToken']>>;
type Milestone = StatusView['timeline'][number]['milestone'];
/** Every milestone of claimantTimeline, no more (the compiler checks both ways). */
const MILESTONES = Object.keys({
  received: 0, checked: 0, information_requested: 0, information_received: 0, approved: 0, rejected: 0, filed: 0, withdrawn: 0,
} satisfies Record<Milestone, 0>);

const CLAIM_NUMBER = 'CP-4821-0937-5';
const DEMO_ANSWERS = demoClaimBody({ email: 'minji.kim@example.com', phone: '010-1234-5678' }).answers;

export class ClaimCreatedBody {
  @ApiProperty({ format: 'uuid', example: '0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b' })
  claimId: string;

  @ApiProperty({ description: "The number the claimant quotes: the case's prefix and nine digits, the last a check digit.", example: CLAIM_NUMBER })
  claimNumber: string;

  @ApiProperty({ description: 'Always submitted: the checks and the estimate run in the worker.', enum: CLAIM_STATUSES, example: 'submitted' })
  status: string;
}

export class CaseRefBody {
  @ApiProperty({ example: DEMO_CASE_SLUG })
  slug: string;

  @ApiProperty({ type: () => BilingualText })
  title: BilingualText;
}

export class MilestoneBody {
  @ApiProperty({ description: 'A step of the claim as the claimant may see it (moves among the automatic statuses all read "checked").', enum: MILESTONES })
  milestone: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class EvidenceFileBody {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: "One of the case's evidence kinds.", example: 'breach_notice' })
  kind: string;

  @ApiProperty({ type: () => BilingualText })
  kindLabel: BilingualText;

  @ApiProperty({ example: 'image/jpeg' })
  mediaType: string;

  @ApiProperty()
  bytes: number;

  @ApiProperty({ type: 'integer', nullable: true })
  width: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  height: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'PDFs.' })
  pageCount: number | null;

  @ApiProperty()
  hasThumbnail: boolean;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;
}

export class DeletionRequestBody {
  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ format: 'date-time', description: 'The law gives ten days.' })
  dueBy: string;
}

export class ReasonBody {
  @ApiProperty({ description: "The rule's id in the case's rule set.", example: 'noticeReceived' })
  rule: string;

  @ApiProperty({ enum: VERDICTS, example: 'eligible' })
  outcome: string;

  @ApiProperty({ description: 'Why, in Korean.' })
  ko: string;

  @ApiProperty({ description: 'Why, in English.' })
  en: string;
}

export class DeficiencyBody {
  @ApiProperty({ description: 'What is missing: `answer:<question id>`, or an evidence item of the case.', example: 'answer:learnedOn' })
  item: string;

  @ApiProperty({ description: 'What to do, in Korean.' })
  ko: string;

  @ApiProperty({ description: 'What to do, in English.' })
  en: string;

  @ApiPropertyOptional({ description: 'Cured by an upload of this evidence kind.' })
  evidence?: string;

  @ApiPropertyOptional({ description: 'Cured by answering this question (`POST /api/claims/cure`).', example: 'learnedOn' })
  question?: string;
}

export class EstimateLineBody {
  @ApiProperty({ description: '"base", "tier:<option>", "add:<id>", "rounding", "clamp:min" or "clamp:max".', example: 'base' })
  code: string;

  @ApiProperty({ example: 100000 })
  won: number;

  @ApiProperty()
  ko: string;

  @ApiProperty()
  en: string;
}

export class EstimateBody {
  @ApiProperty({ description: 'The estimated damages, in won; an estimate, not a promise.', example: 300000 })
  amountWon: number;

  @ApiProperty({ type: () => [EstimateLineBody] })
  breakdown: EstimateLineBody[];

  @ApiProperty()
  modelVersion: string;
}

export class ClaimantAssessmentBody {
  @ApiProperty({ description: 'From the reasons the claimant may see (staff-only signals are left out).', enum: VERDICTS })
  verdict: string;

  @ApiProperty({ type: () => [ReasonBody] })
  reasons: ReasonBody[];

  @ApiProperty({ type: () => [DeficiencyBody], description: 'What to send or answer; only while the verdict is needs_information.' })
  deficiencies: DeficiencyBody[];

  @ApiProperty({ format: 'date-time', nullable: true, type: 'string', description: 'The date to cure by, when something is missing.' })
  cureBy: string | null;

  @ApiProperty({ type: () => EstimateBody })
  estimate: EstimateBody;

  @ApiProperty()
  rulesVersion: string;
}

/** What the claimant's status page shows (libs/claimants/src/claim-status.query.ts): their own claim only, no personal data. */
export class ClaimStatusBody {
  @ApiProperty({ example: CLAIM_NUMBER })
  claimNumber: string;

  @ApiProperty({ enum: CLAIM_STATUSES, example: 'screened' })
  status: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ format: 'date-time' })
  statusChangedAt: string;

  @ApiProperty({ type: () => CaseRefBody, nullable: true })
  case: CaseRefBody | null;

  @ApiProperty({ type: () => [MilestoneBody] })
  timeline: MilestoneBody[];

  @ApiProperty({ type: () => [EvidenceFileBody] })
  evidence: EvidenceFileBody[];

  @ApiProperty({ type: () => DeletionRequestBody, nullable: true, description: 'An open request to delete the personal data.' })
  deletionRequest: DeletionRequestBody | null;

  @ApiProperty({ type: () => ClaimantAssessmentBody, nullable: true, description: 'Null until the worker has assessed the claim.' })
  assessment: ClaimantAssessmentBody | null;
}

export class CureResultBody {
  @ApiProperty({ description: 'Back to submitted: assessed again in the worker.', enum: ['submitted'] })
  status: string;

  @ApiProperty({ description: 'The new version of the claim\'s facts.', example: 2 })
  factsVersion: number;

  @ApiProperty({ example: message('ko', 'claim.cured') })
  message: string;
}

export class WithdrawResultBody {
  @ApiProperty({ enum: ['withdrawn'] })
  status: string;

  @ApiProperty({ example: message('ko', 'claim.withdrawn') })
  message: string;
}

export class MyDataPersonBody {
  @ApiProperty()
  name: string;

  @ApiProperty({ format: 'date' })
  birthDate: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty()
  phone: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'postalCode, line1, line2.' })
  address: Record<string, unknown>;
}

export class MyDataClaimBody {
  @ApiProperty({ enum: CLAIM_STATUSES })
  status: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The answers, keyed by the case's question ids.", example: DEMO_ANSWERS })
  answers: Record<string, unknown>;

  @ApiProperty()
  caseVersion: number;

  @ApiProperty()
  questionnaireVersion: string;
}

export class MyDataConsentBody {
  @ApiProperty({ example: 'collection' })
  purpose: string;

  @ApiProperty()
  granted: boolean;

  @ApiProperty()
  version: string;

  @ApiProperty({ enum: ['ko', 'en'], nullable: true, type: 'string' })
  language: string | null;

  @ApiProperty({ description: 'SHA-256 (hex) of the text shown.' })
  textSha256: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class MyDataSignatureBody {
  @ApiProperty({ enum: ['mandate'] })
  document: string;

  @ApiProperty()
  version: string;

  @ApiProperty({ enum: ['ko', 'en'], nullable: true, type: 'string' })
  language: string | null;

  @ApiProperty({ description: 'SHA-256 (hex) of the text signed.' })
  textSha256: string;

  @ApiProperty({ format: 'date-time' })
  signedAt: string;

  @ApiProperty({ enum: ['claimant', 'guardian'] })
  signer: string;

  @ApiProperty()
  typedName: string;

  @ApiProperty()
  ip: string;

  @ApiProperty()
  userAgent: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'The mandate exactly as shown (claims taken since the claimant web).' })
  text: string | null;
}

export class MyDataAssessmentBody {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'submitted' })
  trigger: string;

  @ApiProperty({ enum: VERDICTS })
  verdict: string;

  @ApiProperty()
  estimateWon: number;

  @ApiProperty()
  rulesVersion: string;

  @ApiProperty()
  modelVersion: string;
}

/** The claimant's copy of their data (libs/claimants/src/my-data.query.ts). */
export class MyDataBody {
  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiProperty({ example: CLAIM_NUMBER })
  claimNumber: string;

  @ApiProperty({ type: () => CaseRefBody, nullable: true })
  case: CaseRefBody | null;

  @ApiProperty({ type: () => MyDataPersonBody, description: 'The claimant, as they gave it.' })
  you: MyDataPersonBody;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: "A minor's guardian: name, birthDate, phone, relation." })
  guardian: Record<string, unknown> | null;

  @ApiProperty({ type: () => MyDataClaimBody })
  claim: MyDataClaimBody;

  @ApiProperty({ type: () => [MyDataConsentBody] })
  consents: MyDataConsentBody[];

  @ApiProperty({ type: () => MyDataSignatureBody })
  signature: MyDataSignatureBody;

  @ApiProperty({ type: () => [MyDataAssessmentBody], description: 'Every assessment, oldest first; staff-only signals left out.' })
  assessments: MyDataAssessmentBody[];
}
