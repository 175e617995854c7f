import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { AccessLogEntity } from './access-log.entity';
import { AccessLog } from './access-log.service';
import { AuditedExports } from './access-log-export';
import { AccessLogQuery } from './access-log.query';
import { AccessReviews } from './access-review.service';
import { AUDIT_QUEUE, AUDIT_ROUTES } from './audit.queue';
import { ChainVerifier } from './chain-verifier.service';
import { StuckVerifications } from './stuck-verifications.source';
import { VerifyChainHandler } from './verify-chain.handler';

/** The access log: who read whose personal data, chained so history cannot be edited unseen. */
@Global()
@Module({
  imports: [DatabaseModule.forFeature([AccessLogEntity]), QueueModule.forFeature({ queues: [AUDIT_QUEUE], routes: AUDIT_ROUTES })],
  providers: [AccessLog, AccessLogQuery, AccessReviews, AuditedExports, ChainVerifier, VerifyChainHandler, StuckVerifications],
  exports: [AccessLog, AccessLogQuery, AccessReviews, AuditedExports, ChainVerifier],
})
export class AuditModule {}
