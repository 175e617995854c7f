import { Global, Module } from '@nestjs/common';
import { AccessLog } from './access-log.service';

/** Staff accounts, review and the access log. The foundation ships the access log. */
@Global()
@Module({ providers: [AccessLog], exports: [AccessLog] })
export class StaffModule {}
