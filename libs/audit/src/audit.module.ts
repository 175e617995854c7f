import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { AccessLogEntity } from './access-log.entity';
import { AccessLog } from './access-log.service';
import { AuditedExports } from './access-log-export';
import { AccessLogQuery } from './access-log.query';
import { AccessReviews } from './access-review.service';
import { ChainVerifier } from './chain-verifier.service';

/** The access log: who read whose personal data, chained so history cannot be edited unseen. */
@Global()
@Module({ imports: [DatabaseModule.forFeature([AccessLogEntity])], providers: [AccessLog, AccessLogQuery, AccessReviews, AuditedExports, ChainVerifier], exports: [AccessLog, AccessLogQuery, AccessReviews, AuditedExports, ChainVerifier] })
export class AuditModule {}
