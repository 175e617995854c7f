import { Global, Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { AppConfig } from '@app/config';
import { BlindIndex, FieldCipher, SignedTokens } from '@app/crypto';
import { DatabaseModule } from '@app/database';
import { EvidenceModule } from '@app/evidence';
import { NotificationsModule, RecipientDirectory } from '@app/notifications';
import { QueueModule } from '@app/queue';
import { AssessClaimHandler } from './assess-claim.handler';
import { ClaimantEvidence } from './claimant-evidence';
import { ClaimIntake } from './claim-intake';
import { ClaimantRequestsRepository } from './claimant-requests.repository';
import { ClaimDraftsRepository } from './drafts/claim-drafts.repository';
import { DeleteDraftHandler } from './drafts/delete-draft.handler';
import { DraftAccess } from './drafts/draft-access';
import { ExpiredDrafts } from './drafts/expired-drafts.source';
import { ResumeDraft } from './drafts/resume-draft.usecase';
import { SaveDraftStep } from './drafts/save-draft-step.usecase';
import { StartDraft } from './drafts/start-draft.usecase';
import { SubmitDraft } from './drafts/submit-draft.usecase';
import { RequestDeletion } from './request-deletion.usecase';
import { ClaimStatusQuery } from './claim-status.query';
import { ClaimantRecipients } from './claimant-recipients';
import { CLAIM_ROUTES, CLAIMS_QUEUE, RESCORE_QUEUE } from './claims.queue';
import { ClaimFlags } from './claim-flags.repository';
import { CureClaim } from './cure-claim.usecase';
import { MyDataQuery } from './my-data.query';
import { WithdrawClaim } from './withdraw-claim.usecase';
import { RescoreProgressQuery } from './rescore/rescore-progress.query';
import { RescoreRuns } from './rescore/rescore-runs.repository';
import { RescoreHandler } from './rescore/rescore.handler';
import { StuckRescores } from './rescore/stuck-rescores.source';
import { PREVIEW_ROUTES } from './rescore/preview.queue';
import { PreviewVersionHandler } from './rescore/preview-version.handler';
import { RequestVersionPreview } from './rescore/request-version-preview.usecase';
import { StuckPreviews } from './rescore/stuck-previews.source';
import { VersionPreviewQuery } from './rescore/version-preview.query';
import { VersionPreviews } from './rescore/version-previews.repository';
import { ClaimsRepository } from './claims.repository';
import { BulkDecideHandler, BulkJobs, StartBulkDecision } from './review/bulk-decisions';
import { StuckBulkJobs } from './review/stuck-bulk-jobs.source';
import { ClaimFileQuery } from './review/claim-file.query';
import { AddClaimNote, DecideClaim } from './review/decide-claim.usecase';
import { DecisionWriter } from './review/decision-writer';
import { ReviewQueue } from './review/review-queue.query';
import { REVIEW_QUEUE, REVIEW_ROUTES } from './review/review.queue';
import { ReviewRepository } from './review/review.repository';
import { EmailVerificationsRepository } from './email-verifications.repository';
import { CLAIMANTS_ENTITIES } from './entities';
import { PersonalData } from './personal-data';
import { RequestEmailCode } from './request-email-code.usecase';
import { RequestStatusLink } from './request-status-link.usecase';
import { StuckClaims } from './stuck-claims.source';
import { PartyRecordsRepository } from './party/party-records.repository';
import { SealPartyHandler } from './party/seal-party.handler';
import { UnsealedParties } from './party/unsealed-parties.source';
import { SubmitClaim } from './submit-claim.usecase';
import { VerifyEmailCode } from './verify-email-code.usecase';
import { ClaimIdentifiers } from './dashboard/claim-identifiers.query';
import { DashboardQuery } from './dashboard/dashboard.query';
import { WeeklyReportQuery } from './dashboard/weekly-report.query';
import { BatchMembers } from './filing/batch-members';
import { PlaintiffRecords } from './filing/plaintiff-records';
import { ProofRecords } from './filing/proof-records';

/**
 * The person, the claim and its status machine, intake, assessments (first, after every new
 * fact, and re-scoring after an activation). The only
 * module that holds the keys to personal data (through PersonalData). Global only so that the
 * notifications module can reach RecipientDirectory without importing this module back.
 */
@Global()
@Module({
  imports: [
    CasesModule,
    NotificationsModule,
    EvidenceModule,
    DatabaseModule.forFeature(CLAIMANTS_ENTITIES),
    QueueModule.forFeature({ queues: [CLAIMS_QUEUE, RESCORE_QUEUE, REVIEW_QUEUE], routes: [...CLAIM_ROUTES, ...PREVIEW_ROUTES, ...REVIEW_ROUTES] }),
  ],
  providers: [
    { provide: FieldCipher, inject: [AppConfig], useFactory: (c: AppConfig) => FieldCipher.fromConfig(c.PII_KEYS, c.PII_ACTIVE_KEY_ID) },
    { provide: BlindIndex, inject: [AppConfig], useFactory: (c: AppConfig) => new BlindIndex(c.BLIND_INDEX_KEY) },
    { provide: SignedTokens, inject: [AppConfig], useFactory: (c: AppConfig) => new SignedTokens(c.LINK_SIGNING_KEY) },
    PersonalData,
    ClaimsRepository,
    EmailVerificationsRepository,
    ClaimIntake,
    SubmitClaim,
    ClaimDraftsRepository,
    ClaimantRequestsRepository,
    DraftAccess,
    ExpiredDrafts,
    DeleteDraftHandler,
    PartyRecordsRepository,
    UnsealedParties,
    SealPartyHandler,
    StartDraft,
    ResumeDraft,
    SaveDraftStep,
    SubmitDraft,
    ClaimantEvidence,
    RequestDeletion,
    RequestEmailCode,
    VerifyEmailCode,
    RequestStatusLink,
    ClaimStatusQuery,
    AssessClaimHandler,
    StuckClaims,
    ClaimFlags,
    CureClaim,
    WithdrawClaim,
    MyDataQuery,
    RescoreRuns,
    RescoreHandler,
    StuckRescores,
    RescoreProgressQuery,
    VersionPreviews,
    PreviewVersionHandler,
    StuckPreviews,
    RequestVersionPreview,
    VersionPreviewQuery,
    ReviewRepository,
    ReviewQueue,
    DecisionWriter,
    DecideClaim,
    AddClaimNote,
    ClaimFileQuery,
    StartBulkDecision,
    BulkJobs,
    BulkDecideHandler,
    StuckBulkJobs,
    { provide: RecipientDirectory, useClass: ClaimantRecipients },
    DashboardQuery,
    WeeklyReportQuery,
    ClaimIdentifiers,
    BatchMembers,
    PlaintiffRecords,
    ProofRecords,
  ],
  exports: [
    DashboardQuery, WeeklyReportQuery, ClaimIdentifiers,
    RecipientDirectory, DraftAccess, StartDraft, ResumeDraft, SaveDraftStep, SubmitDraft, ClaimantEvidence, RequestDeletion, SubmitClaim, ClaimStatusQuery, RequestEmailCode, VerifyEmailCode, RequestStatusLink, CureClaim, WithdrawClaim, MyDataQuery, RescoreProgressQuery,
    RequestVersionPreview, VersionPreviewQuery,
    BatchMembers, PlaintiffRecords, ProofRecords,
    ReviewQueue, DecideClaim, AddClaimNote, ClaimFileQuery, StartBulkDecision, BulkJobs],
})
export class ClaimantsModule {}
