import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { AccessLogEntity } from './access-log.entity';
import { AccessLog } from './access-log.service';

/** The access log: who read whose personal data, chained so history cannot be edited unseen. */
@Global()
@Module({ imports: [DatabaseModule.forFeature([AccessLogEntity])], providers: [AccessLog], exports: [AccessLog] })
export class AuditModule {}
