import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CasesModule } from '@app/cases';
import { ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';

/** What the one-shot commands need: the database as claims_app, the outbox (no Redis), cases, the access log. */
@Module({})
export class CliModule {
  static register(): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(loadConfig()), DatabaseModule.forRoot('claims-cli'), QueueModule.forOutboxOnly(), CasesModule, AuditModule],
    };
  }
}
