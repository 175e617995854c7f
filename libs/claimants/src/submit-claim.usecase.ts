import { createHash } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CaseRecord, CasesService, isIntakeOpen } from '@app/cases';
import { BlindIndex, FieldCipher, normaliseEmail, normaliseKoreanMobile } from '@app/crypto';
import { uniqueViolation } from '@app/database';
import { normaliseName } from '@app/evidence';
import { ApiException, Locale } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { generateClaimNumber } from './claim-number';
import type { ClaimStatus } from './claim-status';
import { ClaimRef, ClaimsRepository, NewClaimRow } from './claims.repository';
import type { SubmitClaimDto } from './dto/submit-claim.dto';


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

/**
 * Takes a claim in: checks what the DTO cannot (the case is open, the consent version is
 * current, the signature is the claimant's name), encrypts, and writes everything in one
 * statement. Slow work (checks, estimate, email) happens in the worker.
 */
@Injectable()
export class SubmitClaim {
  private readonly logger = new Logger(SubmitClaim.name);

  constructor(
    private readonly cases: CasesService,
    private readonly claims: ClaimsRepository,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly notifications: NotificationsService,
  ) {}

  async execute(command: SubmitClaimCommand): Promise<SubmitClaimResult> {
    const kase = await this.cases.getBySlug(command.caseSlug);
    if (!isIntakeOpen(kase)) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
    this.checkAgainstCase(kase, command.body);

    const row = this.buildRow(kase, command);
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.claims.insert(row);
        return { ...created, replayed: false };
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === 'claims_number_uq' && attempt < 3) {
          row.claimNumber = generateClaimNumber(kase.claimPrefix); // 40 random bits collided; draw again
          continue;
        }
        if (constraint === 'claims_idempotency_uq' || constraint === 'claimants_case_email_uq') {
          return this.resolveConflict(kase, row, command.idempotencyKey);
        }
        throw error;
      }
    }
  }

  private checkAgainstCase(kase: CaseRecord, body: SubmitClaimDto): void {
    const errors = [];
    if (body.consents.version !== kase.consentVersion) errors.push({ field: 'consents.version', code: 'currentVersion' });
    if (normaliseName(body.signature.typedName) !== normaliseName(body.claimant.name)) {
      errors.push({ field: 'signature.typedName', code: 'matchesName' });
    }
    if (errors.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
  }

  /**
   * A unique violation means either a retry (same Idempotency-Key: return the first
   * result) or the same person again (same email: 409, and email them the way back to
   * their claim rather than telling the requester anything more).
   */
  private async resolveConflict(kase: CaseRecord, row: NewClaimRow, idempotencyKey: string | null): Promise<SubmitClaimResult> {
    if (idempotencyKey) {
      const earlier = await this.claims.findByIdempotencyKey(kase.id, idempotencyKey);
      if (earlier) return this.replay(earlier, row.requestFingerprint);
    }
    const existing = await this.claims.findByEmailHash(kase.id, row.emailHash);
    if (!existing) {
      // The conflicting row vanished between the two statements (deleted claimant): let the client retry.
      throw new ApiException(HttpStatus.CONFLICT, 'claim.alreadyExists');
    }
    const day = new Date().toISOString().slice(0, 10);
    await this.notifications.requestEmails([
      // At most one such email a day, so nobody can flood a claimant's inbox by resubmitting.
      { firmId: existing.firmId, claimId: existing.claimId, template: 'claim-exists', locale: row.locale, dedupeKey: `claim-exists:${existing.claimId}:${day}` },
    ]);
    throw new ApiException(HttpStatus.CONFLICT, 'claim.alreadyExists');
  }

  private replay(earlier: ClaimRef, fingerprint: Buffer): SubmitClaimResult {
    if (!earlier.requestFingerprint || !earlier.requestFingerprint.equals(fingerprint)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'request.idempotencyKeyReused');
    }
    return { claimId: earlier.claimId, claimNumber: earlier.claimNumber, status: earlier.status, replayed: true };
  }

  private buildRow(kase: CaseRecord, { body, idempotencyKey, locale, ip, userAgent }: SubmitClaimCommand): NewClaimRow {
    const claimId = uuidv7();
    const claimantId = uuidv7();
    const signatureId = uuidv7();
    const { claimant } = body;
    const enc = (field: string, value: string) => this.cipher.encrypt(value, `claimant:${claimantId}:${field}`);
    const address = JSON.stringify({ postalCode: claimant.address.postalCode, line1: claimant.address.line1, line2: claimant.address.line2 ?? '' });
    return {
      claimId,
      claimantId,
      signatureId,
      firmId: kase.firmId,
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
      requestFingerprint: createHash('sha256').update(kase.id).update(JSON.stringify(body)).digest(),
      submittedIpHash: this.blindIndex.hash('ip', ip),
      enc: {
        name: enc('name', claimant.name.normalize('NFC').trim()),
        birthDate: enc('birth_date', claimant.birthDate),
        email: enc('email', claimant.email.trim()),
        phone: enc('phone', normaliseKoreanMobile(claimant.phone)),
        address: enc('address', address),
        typedName: this.cipher.encrypt(body.signature.typedName.normalize('NFC').trim(), `signature:${signatureId}:typed_name`),
        ip: this.cipher.encrypt(ip, `signature:${signatureId}:ip`),
      },
      emailHash: this.blindIndex.hash('email', normaliseEmail(claimant.email)),
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
