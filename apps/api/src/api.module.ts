import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CasesModule } from '@app/cases';
import { ClaimantsModule } from '@app/claimants';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule } from '@app/health';
import { LoggingModule } from '@app/logging';
import { NotificationsModule } from '@app/notifications';
import { QueueModule } from '@app/queue';
import { CasesController } from './controllers/cases.controller';
import { ClaimsController } from './controllers/claims.controller';
import { StatusPageController } from './controllers/status-page.controller';

@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('api'),
        DatabaseModule.forRoot('claims-api'),
        HealthModule,
        QueueModule.forApi(),
        AuditModule,
        CasesModule,
        ClaimantsModule,
        NotificationsModule,
      ],
      controllers: [CasesController, ClaimsController, StatusPageController],
    };
  }
}
