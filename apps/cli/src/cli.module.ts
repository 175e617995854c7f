import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CasesModule } from '@app/cases';
import { ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { StaffModule } from '@app/staff';

/** What the one-shot commands need: the database as claims_app, the outbox (no Redis), cases, the access log; staff accounts for the command that makes a firm's first admin. */
@Module({})
export class CliModule {
  static register(options: { staff?: boolean } = {}): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(loadConfig()), DatabaseModule.forRoot('claims-cli'), QueueModule.forOutboxOnly(), CasesModule, AuditModule,
        ...(options.staff ? [StaffModule.forCommandLine()] : []),
      ],
    };
  }
}
