import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { CasesModule } from '@app/cases';
import { ClaimantsModule } from '@app/claimants';
import { CryptoModule } from '@app/crypto';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { NotificationsModule } from '@app/notifications';
import { QueueModule } from '@app/queue';
import { StaffModule } from '@app/staff';
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
        DatabaseModule,
        QueueModule.forWorker(),
        CryptoModule,
        CasesModule,
        ClaimantsModule,
        NotificationsModule,
        StaffModule,
      ],
      providers: [ReconcilerLifecycle],
    };
  }
}
