import { HttpStatus, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { CaseRecord } from '@app/cases';
import { BlindIndex, normaliseKoreanMobile } from '@app/crypto';
import { FirmScope, sqlState, uniqueViolation } from '@app/database';
import type { Answers } from '@app/eligibility';
import { ApiException, type Locale } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { RateLimits } from '@app/protection';
import { INTAKE_CLOSED_SQLSTATE, type NewClaim, VERSION_CHANGED_SQLSTATE } from './claim-intake.statement';
import { generateClaimNumber } from './claim-number';
import type { ClaimStatus } from './claim-status';
import { ClaimsRepository } from './claims.repository';
import type { ClaimEntity } from './entities/claim.entity';
import { mandateText, textSha256 } from './mandate-text';
import { PersonalData } from './personal-data';
import type { EmailAddress } from './validation/email-address';

/** A claim checked and ready to be written, from the JSON API or from a draft. */
export interface IntakeInput {
  kase: CaseRecord;
  /** A draft's id, which becomes the claim's; a new id otherwise. */
  claimId?: string;
  claimant: { name: string; birthDate: string; email: EmailAddress; phone: string; address: { postalCode: string; line1: string; line2?: string } };
  guardian: { name: string; birthDate: string; phone: string; relation: 'parent' | 'guardian' } | null;
  answers: Answers;
  consents: Record<string, boolean>;
  /** The language the consents and mandate were shown in. */
  language: Locale;
  /** The language of the emails that follow. */
  locale: Locale;
  signature: { typedName: string; signedAt: Date; ip: string; userAgent: string };
  idempotencyKey: string | null;
  /** What the request fingerprint is a keyed hash of: a replay with another body is refused. */
  fingerprintSource: string;
  /** Where the submission came from (for the same-network signal). */
  submittedIp: string;
}

export interface SubmitClaimResult {
  claimId: string;
  claimNumber: string;
  status: ClaimStatus;
  /** True when an earlier request with the same Idempotency-Key created the claim. */
  replayed: boolean;
}

/** Eight random digits collide now and then in a case with millions of claims: draw again. */
const CLAIM_NUMBER_ATTEMPTS = 10;

/**
 * Writes a checked claim: seals the personal fields, renders the mandate with the parties'
 * details (its hash and sealed text go into the signature record), and writes everything in one
 * statement, answering a retry with the first result and a second claim for the same address
 * with 409 and an email to its owner.
 */
@Injectable()
export class ClaimIntake {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly scope: FirmScope,
    private readonly personalData: PersonalData,
    private readonly blindIndex: BlindIndex,
    private readonly notifications: NotificationsService,
    private readonly limits: RateLimits,
  ) {}

  async submit(input: IntakeInput): Promise<SubmitClaimResult> {
    const { kase } = input;
    const claim = this.build(input);
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
        // A new version was activated after this claim was checked against the old one.
        if (sqlState(error) === VERSION_CHANGED_SQLSTATE) throw new ApiException(HttpStatus.CONFLICT, 'case.versionChanged');
        const constraint = uniqueViolation(error);
        if (constraint === 'claims_number_uq' && attempt < CLAIM_NUMBER_ATTEMPTS) {
          claim.claimNumber = generateClaimNumber(kase.claimPrefix);
          continue;
        }
        if (constraint === 'claims_idempotency_uq' || constraint === 'claimants_case_email_uq' || constraint === 'claims_pkey') {
          return this.resolveConflict(kase, claim, input.idempotencyKey);
        }
        throw error;
      }
    }
  }

  /** The mandate as this claim's parties see it, and its SHA-256 (what a signature must match). */
  static mandateFor(kase: CaseRecord, language: Locale, parties: Pick<IntakeInput, 'claimant' | 'guardian'>): { text: string; sha256: Buffer } {
    const text = mandateText(kase.definition.mandate.text[language], language, {
      principal: { ...parties.claimant, email: parties.claimant.email.address },
      guardian: parties.guardian,
    });
    return { text, sha256: textSha256(text) };
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
    if (!replayed.requestFingerprint || !replayed.requestFingerprint.equals(claim.requestFingerprint)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'request.idempotencyKeyReused');
    }
    return this.replay(replayed);
  }

  private replay(earlier: ClaimEntity): SubmitClaimResult {
    return { claimId: earlier.id, claimNumber: earlier.claimNumber, status: earlier.status, replayed: true };
  }

  private build(input: IntakeInput): NewClaim {
    const { kase, claimant, guardian, language } = input;
    const claimId = input.claimId ?? uuidv7();
    const claimantId = uuidv7();
    const signatureId = uuidv7();
    const phone = normaliseKoreanMobile(claimant.phone);
    const person = this.personalData.sealClaimant(claimantId, {
      name: claimant.name,
      birthDate: claimant.birthDate,
      // Exactly the address mail will be sent to (see email-address.ts).
      email: claimant.email.address,
      phone,
      address: JSON.stringify({ postalCode: claimant.address.postalCode, line1: claimant.address.line1, line2: claimant.address.line2 ?? '' }),
    });
    const mandate = ClaimIntake.mandateFor(kase, language, { claimant: { ...claimant, phone }, guardian });
    const signature = this.personalData.sealSignature(signatureId, { signedName: input.signature.typedName, signatureIp: input.signature.ip, mandateText: mandate.text });
    const sealedGuardian = guardian
      ? this.personalData.sealGuardian(claimId, { guardianName: guardian.name, guardianBirthDate: guardian.birthDate, guardianPhone: normaliseKoreanMobile(guardian.phone) })
      : null;
    return {
      claimId,
      claimantId,
      signatureId,
      caseId: kase.id,
      claimNumber: generateClaimNumber(kase.claimPrefix),
      locale: input.locale,
      // Checked against the questionnaire, which refuses every id it does not ask.
      answers: input.answers,
      caseVersion: kase.version,
      questionnaireVersion: kase.definition.questionnaire.version,
      language,
      idempotencyKey: input.idempotencyKey,
      // Keyed, like the blind indexes: a copy of the database cannot test a guessed submission offline.
      requestFingerprint: this.blindIndex.hash('request', `${kase.id}\u0000${input.fingerprintSource}`),
      submittedIpHash: this.blindIndex.hash('ip', input.submittedIp),
      sealed: { ...person, typedName: signature.signedName, ip: signature.signatureIp, mandateText: signature.mandateText },
      emailHash: this.blindIndex.hash('email', claimant.email.canonical),
      phoneHash: this.blindIndex.hash('phone', phone),
      consentVersion: kase.definition.consents.version,
      // The hash of each text in the language it was shown in: what the claimant read.
      consents: kase.definition.consents.items.map(({ purpose }) => ({ purpose, granted: input.consents[purpose] === true, textSha256: kase.consentSha256[purpose][language] })),
      mandateVersion: kase.definition.mandate.version,
      mandateSha256: mandate.sha256,
      userAgent: input.signature.userAgent.slice(0, 500),
      signedAt: input.signature.signedAt,
      signer: guardian ? 'guardian' : 'claimant',
      guardian: sealedGuardian
        ? { name: sealedGuardian.guardianName, birthDate: sealedGuardian.guardianBirthDate, phone: sealedGuardian.guardianPhone, relation: guardian!.relation }
        : null,
    };
  }
}
