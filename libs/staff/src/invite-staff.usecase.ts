import { HttpStatus, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { isPersonName } from '@app/claimants';
import { AppConfig } from '@app/config';
import { BlindIndex } from '@app/crypto';
import { FirmScope, uniqueViolation } from '@app/database';
import { ApiException } from '@app/http';
import { isStaffRole, type StaffRole } from './roles';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { invitationLink } from './staff-directory';
import { staffEmailKey } from './staff-email';
import { StaffFields } from './staff-fields';
import { formatStaffToken, INVITATION_PURPOSE, newStaffToken, secretHash } from './staff-tokens';

export interface InviteInput {
  firmId: string;
  /** As typed into the form: checked here. */
  email: unknown;
  name: unknown;
  role: unknown;
  /** Who invited: a staff id, or "cli:<user>" for a firm's first admin. */
  by: string;
}

/**
 * Staff accounts come from invitations: an admin (or, for a firm's first admin, the command line)
 * names the person and their role and gets a link valid STAFF_INVITATION_HOURS, to pass on.
 */
@Injectable()
export class InviteStaff {
  constructor(
    private readonly scope: FirmScope,
    private readonly accounts: StaffAccountsRepository,
    private readonly fields: StaffFields,
    private readonly blindIndex: BlindIndex,
    private readonly config: AppConfig,
  ) {}

  /** Creates the account and returns its invitation link. */
  async execute(input: InviteInput): Promise<{ staffId: string; link: string; expiresAt: Date }> {
    const email = staffEmailKey(input.email);
    const name = typeof input.name === 'string' ? input.name.normalize('NFC').trim() : '';
    const problems = [
      ...(!email ? [{ field: 'email', code: input.email ? 'staffEmail' : 'isDefined' }] : []),
      ...(name === '' ? [{ field: 'name', code: 'isDefined' }] : name.length > 100 ? [{ field: 'name', code: 'maxLength' }] : !isPersonName(name) ? [{ field: 'name', code: 'plainText' }] : []),
      ...(!isStaffRole(input.role) ? [{ field: 'role', code: 'isIn' }] : []),
    ];
    if (problems.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems);
    const id = uuidv7();
    const token = newStaffToken(input.firmId, id);
    const expiresAt = new Date(Date.now() + this.config.STAFF_INVITATION_HOURS * 3_600_000);
    try {
      await this.scope.run(input.firmId, (tx) =>
        this.accounts.insert(tx, {
          id, role: input.role as StaffRole, createdBy: input.by, passwordHash: null, totpSecretEnc: null, totpConfirmedAt: null,
          emailHash: this.blindIndex.hash('staff-email', email!), emailEnc: this.fields.seal(id, 'email', email!), nameEnc: this.fields.seal(id, 'name', name),
          invitationHash: secretHash(this.config.COOKIE_SECRET, INVITATION_PURPOSE, token.secret), invitationExpiresAt: expiresAt,
        }),
      );
    } catch (error) {
      if (uniqueViolation(error) === 'staff_accounts_email_uq') throw new ApiException(HttpStatus.CONFLICT, 'staff.emailTaken', [{ field: 'email', code: 'staff.emailTaken' }]);
      throw error;
    }
    return { staffId: id, link: invitationLink(this.config.PUBLIC_BASE_URL, formatStaffToken(token)), expiresAt };
  }
}
