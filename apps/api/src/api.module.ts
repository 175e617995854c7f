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
import { HealthController } from './health/health.controller';
import { StatusPageController } from './pages/status-page.controller';

@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('api'),
        DatabaseModule,
        QueueModule.forApi(),
        CryptoModule,
        CasesModule,
        ClaimantsModule,
        NotificationsModule,
        StaffModule,
      ],
      controllers: [HealthController, StatusPageController],
    };
  }
}
