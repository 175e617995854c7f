import { HttpStatus, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CaseRecord, CasesService, isIntakeOpen } from '@app/cases';
import { BlindIndex, normaliseKoreanMobile, SignedTokens } from '@app/crypto';
import { FirmScope, sqlState, uniqueViolation } from '@app/database';
import { normaliseName } from '@app/evidence';
import { ApiException, Locale } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { RateLimits } from '@app/protection';
import { INTAKE_CLOSED_SQLSTATE, NewClaim } from './claim-intake.statement';
import { generateClaimNumber } from './claim-number';
import type { ClaimStatus } from './claim-status';
import { ClaimsRepository } from './claims.repository';
import type { SubmitClaimDto } from './dto/submit-claim.dto';
import type { ClaimEntity } from './entities/claim.entity';
import { emailProofMatches } from './email-proof';
import { PersonalData } from './personal-data';
import { EmailAddress, parseEmailAddress } from './validation/email-address';

export interface SubmitClaimCommand {
  caseSlug: string;
  body: SubmitClaimDto;
  idempotencyKey: string | null;
  locale: Locale;
  ip: string;
  userAgent: string;
}

export interface SubmitClaimResult {
  claimId: string;
  claimNumber: string;
  status: ClaimStatus;
  /** True when an earlier request with the same Idempotency-Key created the claim. */
  replayed: boolean;
}

const CONSENT_PURPOSES = [
  ['collection', 'collection'],
  ['third_party', 'thirdParty'],
  ['marketing', 'marketing'],
] as const;

/** Eight random digits collide now and then in a case with millions of claims: draw again. */
const CLAIM_NUMBER_ATTEMPTS = 10;

/**
 * Takes a claim in: checks what the DTO cannot (the case is open, the consent version is
 * current, the signature is the claimant's name), seals the personal fields, and writes
 * everything in one statement. Slow work (checks, estimate, email) happens in the worker.
 */
@Injectable()
export class SubmitClaim {
  constructor(
    private readonly cases: CasesService,
    private readonly claims: ClaimsRepository,
    private readonly scope: FirmScope,
    private readonly personalData: PersonalData,
    private readonly blindIndex: BlindIndex,
    private readonly tokens: SignedTokens,
    private readonly notifications: NotificationsService,
    private readonly limits: RateLimits,
  ) {}

  async execute(command: SubmitClaimCommand): Promise<SubmitClaimResult> {
    const kase = await this.cases.getBySlug(command.caseSlug);
    if (!isIntakeOpen(kase)) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
    const email = this.checkAgainstCase(kase, command.body);

    const claim = this.buildClaim(kase, command, email);
    // Per person and per case, after the request proved it holds the address: a flood of claims
    // for made-up people is limited per network (the guard), this is for one person's retries
    // and for the review queue as a whole.
    await Promise.all([
      this.limits.consume('email', claim.emailHash.toString('hex')),
      this.limits.consume('phone', claim.phoneHash.toString('hex')),
      this.limits.consume('case', kase.id),
    ]);
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.claims.submit(claim);
        return { claimId: created.claimId, claimNumber: created.claimNumber, status: created.status, replayed: false };
      } catch (error) {
        // The database has the last word on the intake window (the cached case may be seconds old).
        if (sqlState(error) === INTAKE_CLOSED_SQLSTATE) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
        const constraint = uniqueViolation(error);
        if (constraint === 'claims_number_uq' && attempt < CLAIM_NUMBER_ATTEMPTS) {
          claim.claimNumber = generateClaimNumber(kase.claimPrefix);
          continue;
        }
        if (constraint === 'claims_idempotency_uq' || constraint === 'claimants_case_email_uq') {
          return this.resolveConflict(kase, claim, command.idempotencyKey);
        }
        throw error;
      }
    }
  }

  /** What the DTO cannot check; returns the claimant's address, proven theirs. */
  private checkAgainstCase(kase: CaseRecord, body: SubmitClaimDto): EmailAddress {
    const email = parseEmailAddress(body.claimant.email);
    // The DTO refused an address that does not parse; this keeps the compiler honest.
    if (!email) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'claimant.email', code: 'deliverableEmail' }]);
    if (!emailProofMatches(this.tokens, body.emailProof, kase.id, this.blindIndex.hash('email', email.canonical))) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'claim.emailProofRequired', [{ field: 'emailProof', code: 'emailProof' }]);
    }
    const errors = [];
    if (body.consents.version !== kase.consentVersion) errors.push({ field: 'consents.version', code: 'currentVersion' });
    if (normaliseName(body.signature.typedName) !== normaliseName(body.claimant.name)) {
      errors.push({ field: 'signature.typedName', code: 'matchesName' });
    }
    if (errors.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
    return email;
  }

  /**
   * A unique violation means either a retry (same Idempotency-Key: return the first
   * result) or the same person again (same email: 409, and email them the way back to
   * their claim rather than telling the requester anything more).
   */
  private async resolveConflict(kase: CaseRecord, claim: NewClaim, idempotencyKey: string | null): Promise<SubmitClaimResult> {
    const replayed = await this.scope.run(kase.firmId, async (tx) => {
      if (idempotencyKey) {
        const earlier = await this.claims.findByIdempotencyKey(tx, kase.id, idempotencyKey);
        if (earlier) return earlier;
      }
      const existing = await this.claims.findByEmailHash(tx, kase.id, claim.emailHash);
      if (existing) {
        const day = new Date().toISOString().slice(0, 10);
        // At most one such email a day, so nobody can flood a claimant's inbox by resubmitting.
        await this.notifications.requestEmails(tx, [
          { claimId: existing.id, template: 'claim-exists', locale: claim.locale, dedupeKey: `claim-exists:${existing.id}:${day}` },
        ]);
      }
      // No row: the conflicting claimant vanished between the two statements; the client may retry.
      return null;
    });
    if (!replayed) throw new ApiException(HttpStatus.CONFLICT, 'claim.alreadyExists');
    return this.replay(replayed, claim.requestFingerprint);
  }

  private replay(earlier: ClaimEntity, fingerprint: Buffer): SubmitClaimResult {
    if (!earlier.requestFingerprint || !earlier.requestFingerprint.equals(fingerprint)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'request.idempotencyKeyReused');
    }
    return { claimId: earlier.id, claimNumber: earlier.claimNumber, status: earlier.status, replayed: true };
  }

  private buildClaim(kase: CaseRecord, { body, idempotencyKey, locale, ip, userAgent }: SubmitClaimCommand, email: EmailAddress): NewClaim {
    const claimId = uuidv7();
    const claimantId = uuidv7();
    const signatureId = uuidv7();
    const { claimant } = body;
    const person = this.personalData.sealClaimant(claimantId, {
      name: claimant.name.normalize('NFC').trim(),
      birthDate: claimant.birthDate,
      // Exactly the address mail will be sent to (see email-address.ts).
      email: email.address,
      phone: normaliseKoreanMobile(claimant.phone),
      address: JSON.stringify({ postalCode: claimant.address.postalCode, line1: claimant.address.line1, line2: claimant.address.line2 ?? '' }),
    });
    const signature = this.personalData.sealSignature(signatureId, { signedName: body.signature.typedName.normalize('NFC').trim(), signatureIp: ip });
    return {
      claimId,
      claimantId,
      signatureId,
      caseId: kase.id,
      claimNumber: generateClaimNumber(kase.claimPrefix),
      locale,
      answers: {
        noticeReceived: body.answers.noticeReceived,
        exposedData: body.answers.exposedData,
        secondaryHarm: body.answers.secondaryHarm,
        voucherUsed: body.answers.voucherUsed,
        otherRepresentation: body.answers.otherRepresentation,
        usResident: body.answers.usResident,
        learnedOn: body.answers.learnedOn,
      },
      idempotencyKey,
      // Keyed, like the blind indexes: a copy of the database cannot test a guessed submission offline.
      requestFingerprint: this.blindIndex.hash('request', `${kase.id}\u0000${JSON.stringify(body)}`),
      submittedIpHash: this.blindIndex.hash('ip', ip),
      sealed: { ...person, typedName: signature.signedName, ip: signature.signatureIp },
      emailHash: this.blindIndex.hash('email', email.canonical),
      phoneHash: this.blindIndex.hash('phone', normaliseKoreanMobile(claimant.phone)),
      consentVersion: kase.consentVersion,
      consents: CONSENT_PURPOSES.map(([purpose, field]) => ({
        purpose,
        granted: body.consents[field],
        textSha256: kase.consentSha256[purpose],
      })),
      mandateVersion: kase.mandateVersion,
      mandateSha256: kase.mandateSha256,
      userAgent: userAgent.slice(0, 500),
      signedAt: new Date(),
    };
  }
}
