import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { ReconcilerIndexes1763800000001 } from './1763800000001-reconciler-indexes';
import { FirmIsolation1763800000002 } from './1763800000002-firm-isolation';
import { EmailOwnership1763800000003 } from './1763800000003-email-ownership';
import { CasesAsData1763800000004 } from './1763800000004-cases-as-data';
import { ClaimantWeb1763800000005 } from './1763800000005-claimant-web';
import { StaffAccounts1763800000006 } from './1763800000006-staff-accounts';
import { StaffReview1763800000007 } from './1763800000007-staff-review';
import { VersionPreviews1763800000008 } from './1763800000008-version-previews';
import { AccessLogSubjects1763800000009 } from './1763800000009-access-log-subjects';
import { ClaimsFlagged1763800000010 } from './1763800000010-claims-flagged';
import { AccessLogSubjectsUnchecked1763800000011 } from './1763800000011-access-log-subjects-unchecked';
import { ClaimArrivals1763800000012 } from './1763800000012-claim-arrivals';
import { PartyRecord1763800000013 } from './1763800000013-party-record';
import { AccessLogVerifications1763800000014 } from './1763800000014-access-log-verifications';
import { BatchJobs1763800000015 } from './1763800000015-batch-jobs';
import { BulkJobsMoving1763800000016 } from './1763800000016-bulk-jobs-moving';

/** Listed explicitly, never globbed: globs break once the code is bundled or moved. */
export const migrations = [InitialSchema1763800000000, ReconcilerIndexes1763800000001, FirmIsolation1763800000002, EmailOwnership1763800000003, CasesAsData1763800000004, ClaimantWeb1763800000005, StaffAccounts1763800000006, StaffReview1763800000007, VersionPreviews1763800000008, AccessLogSubjects1763800000009, ClaimsFlagged1763800000010, AccessLogSubjectsUnchecked1763800000011, ClaimArrivals1763800000012, PartyRecord1763800000013, AccessLogVerifications1763800000014, BatchJobs1763800000015, BulkJobsMoving1763800000016];
