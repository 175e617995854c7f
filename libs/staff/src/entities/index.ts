import { StaffAccountEntity } from './staff-account.entity';
import { StaffSessionEntity } from './staff-session.entity';

export { StaffAccountEntity, StaffSessionEntity };

/** The tables this module owns. */
export const STAFF_ENTITIES = [StaffAccountEntity, StaffSessionEntity];
