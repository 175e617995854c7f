import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { BlindIndex, FieldCipher } from '@app/crypto';
import { DatabaseModule } from '@app/database';
import { STAFF_ENTITIES } from './entities';
import { InviteStaff } from './invite-staff.usecase';
import { SignIn } from './sign-in.usecase';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffDirectory } from './staff-directory';
import { StaffFields } from './staff-fields';
import { StaffGuard } from './staff.guard';
import { StaffInvitations } from './staff-invitations';
import { StaffSessions } from './staff-sessions.service';
import { StaffSessionsRepository } from './staff-sessions.repository';

const CRYPTO = [
  { provide: FieldCipher, inject: [AppConfig], useFactory: (c: AppConfig) => FieldCipher.fromConfig(c.PII_KEYS, c.PII_ACTIVE_KEY_ID) },
  { provide: BlindIndex, inject: [AppConfig], useFactory: (c: AppConfig) => new BlindIndex(c.BLIND_INDEX_KEY) },
];

/** A firm's staff: accounts from invitations, sign-in with a second factor, sessions, roles. */
@Module({
  imports: [DatabaseModule.forFeature(STAFF_ENTITIES)],
  providers: [
    ...CRYPTO,
    StaffFields,
    StaffAccountsRepository,
    StaffSessionsRepository,
    StaffSessions,
    SignIn,
    InviteStaff,
    StaffInvitations,
    StaffDirectory,
    StaffGuard,
  ],
  exports: [SignIn, InviteStaff, StaffInvitations, StaffDirectory, StaffSessions, StaffGuard, StaffFields],
})
export class StaffModule {
  /** What the command line needs to make a firm's first admin: no sessions, no rate limits, no Redis. */
  static forCommandLine(): DynamicModule {
    return {
      module: StaffCommandLineModule,
      imports: [DatabaseModule.forFeature(STAFF_ENTITIES)],
      providers: [...CRYPTO, StaffFields, StaffAccountsRepository, InviteStaff],
      exports: [InviteStaff],
    };
  }
}

@Module({})
class StaffCommandLineModule {}
