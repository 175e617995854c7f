import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CasesModule } from '@app/cases';
import { ClaimantsModule } from '@app/claimants';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { FilingModule } from '@app/filing';
import { HealthModule } from '@app/health';
import { LoggingModule } from '@app/logging';
import { NotificationsModule } from '@app/notifications';
import { ProtectionModule } from '@app/protection';
import { QueueModule } from '@app/queue';
import { ReconcilerLifecycle } from './reconciler.lifecycle';

/** The same domain modules as the API; QueueModule.forWorker adds consumers and the relay. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('worker'),
        DatabaseModule.forRoot('claims-worker'),
        // The worker's health port is internal: details for every caller.
        HealthModule.forRoot('always'),
        QueueModule.forWorker({ relay: config.OUTBOX_RELAY_ENABLED }),
        ProtectionModule,
        AuditModule,
        CasesModule,
        ClaimantsModule,
        FilingModule,
        NotificationsModule,
      ],
      providers: [ReconcilerLifecycle],
    };
  }
}
