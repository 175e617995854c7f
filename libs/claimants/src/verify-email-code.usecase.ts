import { timingSafeEqual } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type CaseRecord, CasesService } from '@app/cases';
import { AppConfig } from '@app/config';
import { BlindIndex, SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ApiException } from '@app/http';
import { emailCodeFrom, issueEmailProof } from './email-proof';
import type { EmailVerificationEntity } from './entities/email-verification.entity';
import { EmailVerificationsRepository } from './email-verifications.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Checks an emailed code and, if it is right, gives the proof a claim submission must carry.
 * A code works once, until it expires, and for a few tries; every way it can be wrong gets the
 * same answer.
 */
@Injectable()
export class VerifyEmailCode {
  constructor(
    private readonly cases: CasesService,
    private readonly scope: FirmScope,
    private readonly verifications: EmailVerificationsRepository,
    private readonly blindIndex: BlindIndex,
    private readonly tokens: SignedTokens,
    private readonly config: AppConfig,
  ) {}

  async execute(input: { caseSlug: string; verificationId: string; code: string }): Promise<{ emailProof: string; expiresAt: Date }> {
    const { kase, verified } = await this.consume(input);
    const expiresAt = new Date(Date.now() + this.config.EMAIL_PROOF_MINUTES * 60_000);
    return { emailProof: issueEmailProof(this.tokens, kase.id, verified.emailHash, expiresAt), expiresAt };
  }

  /** Checks the code and spends it; the verification row is the proof (the claim form starts a draft from it). */
  async consume({ caseSlug, verificationId, code }: { caseSlug: string; verificationId: string; code: string }): Promise<{ kase: CaseRecord; verified: EmailVerificationEntity }> {
    const kase = await this.cases.getBySlug(caseSlug);
    const invalid = () => new ApiException(HttpStatus.BAD_REQUEST, 'emailCode.invalid');
    if (!UUID.test(verificationId)) throw invalid();
    const verified = await this.scope.run(kase.firmId, async (tx) => {
      const row = await this.verifications.find(tx, kase.id, verificationId);
      if (!row || row.verifiedAt || row.expiresAt.getTime() < Date.now() || row.attempts >= this.config.EMAIL_CODE_ATTEMPTS) return null;
      const expected = Buffer.from(emailCodeFrom(this.blindIndex.hash('email-code', row.id)));
      const given = Buffer.from(code);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        await this.verifications.countAttempt(tx, row.id);
        return null;
      }
      return (await this.verifications.markVerified(tx, row.id)) ? row : null;
    });
    if (!verified) throw invalid();
    return { kase, verified };
  }
}
