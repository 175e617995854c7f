import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CasesModule } from '@app/cases';
import { ClaimantsModule } from '@app/claimants';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule } from '@app/health';
import { LoggingModule } from '@app/logging';
import { NotificationsModule } from '@app/notifications';
import { ProtectionModule } from '@app/protection';
import { QueueModule } from '@app/queue';
import { CasePageController } from './controllers/case-page.controller';
import { PrecheckPageController } from './controllers/precheck-page.controller';
import { CasesController } from './controllers/cases.controller';
import { ChallengeController } from './controllers/challenge.controller';
import { ClaimsController } from './controllers/claims.controller';
import { EmailCodesController } from './controllers/email-codes.controller';
import { StatusLinksController } from './controllers/status-links.controller';
import { OpsController, OpsTokenGuard } from './controllers/ops.controller';
import { StatusPageController } from './controllers/status-page.controller';
import { JoinEvidenceController } from './controllers/join-evidence.controller';
import { JoinStartController } from './controllers/join-start.controller';
import { JoinStepsController } from './controllers/join-steps.controller';
import { JoinStepRenderer } from './pages/join-step-renderer';
import { PortalAnswersController } from './controllers/portal-answers.controller';
import { PortalDeletionController } from './controllers/portal-deletion.controller';
import { PortalEvidenceController } from './controllers/portal-evidence.controller';
import { PortalMyDataController } from './controllers/portal-my-data.controller';
import { PortalWithdrawController } from './controllers/portal-withdraw.controller';
import { StatusLinkPageController } from './controllers/status-link-page.controller';
import { PortalRenderer } from './pages/portal-renderer';
import { StaffConsoleModule } from './staff/staff-console.module';

@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('api'),
        DatabaseModule.forRoot('claims-api'),
        // Public: readiness details only with HEALTH_TOKEN.
        HealthModule.forRoot('with-token'),
        QueueModule.forApi(),
        ProtectionModule,
        AuditModule,
        CasesModule,
        ClaimantsModule,
        NotificationsModule,
        StaffConsoleModule,
      ],
      controllers: [
        CasesController, ChallengeController, ClaimsController, EmailCodesController, StatusLinksController, StatusPageController, OpsController, CasePageController,
        PrecheckPageController, JoinStartController, JoinStepsController, JoinEvidenceController,
        PortalEvidenceController, PortalAnswersController, PortalWithdrawController, PortalDeletionController, PortalMyDataController, StatusLinkPageController,
      ],
      providers: [OpsTokenGuard, JoinStepRenderer, PortalRenderer],
    };
  }
}
