import { HttpStatus, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CasesService, isIntakeOpen } from '@app/cases';
import { AppConfig } from '@app/config';
import { BlindIndex } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException, Locale } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { RateLimits } from '@app/protection';
import { EmailVerificationsRepository } from './email-verifications.repository';
import { PersonalData } from './personal-data';
import { parseEmailAddress } from './validation/email-address';

export interface RequestEmailCodeCommand {
  caseSlug: string;
  email: string;
  locale: Locale;
}

/**
 * Emails a six-digit code to an address, the first step of a claim. The answer is the same
 * whether or not the address already has a claim, so only the address's owner, once they have
 * the code, can learn that. Limited per address (and per network, by the guard).
 */
@Injectable()
export class RequestEmailCode {
  constructor(
    private readonly cases: CasesService,
    private readonly scope: FirmScope,
    private readonly verifications: EmailVerificationsRepository,
    private readonly personalData: PersonalData,
    private readonly blindIndex: BlindIndex,
    private readonly notifications: NotificationsService,
    private readonly limits: RateLimits,
    private readonly config: AppConfig,
  ) {}

  async execute({ caseSlug, email, locale }: RequestEmailCodeCommand): Promise<{ verificationId: string; expiresAt: Date }> {
    const kase = await this.cases.getBySlug(caseSlug);
    if (!isIntakeOpen(kase)) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
    const address = parseEmailAddress(email);
    if (!address) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'email', code: 'deliverableEmail' }]);
    const emailHash = this.blindIndex.hash('email', address.canonical);
    await this.limits.consume('codesPerEmail', `code:${emailHash.toString('hex')}`);
    const id = uuidv7();
    const expiresAt = new Date(Date.now() + this.config.EMAIL_CODE_MINUTES * 60_000);
    await this.scope.run(kase.firmId, async (tx) => {
      await this.verifications.insert(tx, { id, caseId: kase.id, emailHash, emailEnc: this.personalData.sealVerificationEmail(id, address.address), locale, expiresAt });
      await this.notifications.requestEmails(tx, [{ verificationId: id, template: 'email-code', locale, dedupeKey: `email-code:${id}` }]);
    });
    return { verificationId: id, expiresAt };
  }
}
