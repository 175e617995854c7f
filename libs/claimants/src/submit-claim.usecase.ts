import { HttpStatus, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CaseRecord, CasesService, isIntakeOpen } from '@app/cases';
import { BlindIndex, normaliseKoreanMobile, SignedTokens } from '@app/crypto';
import { FirmScope, sqlState, uniqueViolation } from '@app/database';
import { answersValidator, seoulToday } from '@app/eligibility';
import { normaliseName } from '@app/evidence';
import { ApiException, FieldError, Locale } from '@app/http';
import { NotificationsService } from '@app/notifications';
import { RateLimits } from '@app/protection';
import { INTAKE_CLOSED_SQLSTATE, NewClaim, VERSION_CHANGED_SQLSTATE } from './claim-intake.statement';
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
  /** As the DTO pipe left it: when `inputErrors` is not empty, fields may hold anything. */
  body: SubmitClaimDto;
  /** What the DTO's own checks found; reported with the case's checks in one answer. */
  inputErrors: FieldError[];
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
    const errors = mergeErrors(command.inputErrors, this.caseErrors(kase, command.body));
    if (errors.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
    const email = this.provenEmail(kase, command.body);

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
        // A new version was activated after this claim was checked against the old one.
        if (sqlState(error) === VERSION_CHANGED_SQLSTATE) throw new ApiException(HttpStatus.CONFLICT, 'case.versionChanged');
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

  /** The claimant's address, proven theirs by the email-code step. */
  private provenEmail(kase: CaseRecord, body: SubmitClaimDto): EmailAddress {
    const email = parseEmailAddress(body.claimant.email);
    // The DTO refused an address that does not parse; this keeps the compiler honest.
    if (!email) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'claimant.email', code: 'deliverableEmail' }]);
    if (!emailProofMatches(this.tokens, body.emailProof, kase.id, this.blindIndex.hash('email', email.canonical))) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'claim.emailProofRequired', [{ field: 'emailProof', code: 'emailProof' }]);
    }
    return email;
  }

  /**
   * What the DTO cannot check: the answers against the case's active questionnaire, its
   * consents and mandate version, the signature against the name. Defensive about types: it
   * runs even when the DTO found problems, so that one answer lists everything to fix.
   */
  private caseErrors(kase: CaseRecord, body: SubmitClaimDto): FieldError[] {
    const def = kase.definition;
    const errors: FieldError[] = [];
    if (isRecord(body.answers)) {
      for (const p of answersValidator(def.questionnaire)(body.answers, seoulToday())) {
        errors.push({ field: p.question ? `answers.${p.question}` : 'answers', code: p.code, ...(p.label ? { label: p.label } : {}) });
      }
    }
    if (isRecord(body.consents)) {
      if (typeof body.consents.version === 'string' && body.consents.version !== def.consents.version) errors.push({ field: 'consents.version', code: 'currentVersion' });
      const granted = body.consents.granted;
      if (isRecord(granted)) {
        for (const item of def.consents.items) {
          const field = `consents.granted.${item.purpose}`;
          const value = granted[item.purpose];
          // The first line of a consent text is its title ("[필수] 개인정보 수집·이용 동의").
          const label = { ko: item.text.ko.split('\n')[0], en: item.text.en.split('\n')[0] };
          if (value === undefined || value === null) errors.push({ field, code: 'isDefined', label });
          else if (typeof value !== 'boolean') errors.push({ field, code: 'isBoolean', label });
          else if (item.required && !value) errors.push({ field, code: 'consentRequired', label });
        }
        for (const purpose of Object.keys(granted)) {
          if (!def.consents.items.some((c) => c.purpose === purpose)) errors.push({ field: `consents.granted.${purpose}`, code: 'whitelistValidation' });
        }
      }
    }
    if (isRecord(body.signature)) {
      const { mandateVersion, typedName } = body.signature;
      if (typeof mandateVersion === 'string' && mandateVersion !== def.mandate.version) errors.push({ field: 'signature.mandateVersion', code: 'currentVersion' });
      const name = isRecord(body.claimant) ? body.claimant.name : undefined;
      if (typeof typedName === 'string' && typeof name === 'string' && normaliseName(typedName) !== normaliseName(name)) {
        errors.push({ field: 'signature.typedName', code: 'matchesName' });
      }
    }
    return errors;
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
    const language = body.signature.language ?? locale;
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
      // Checked against the questionnaire, which refuses every id it does not ask.
      answers: body.answers,
      caseVersion: kase.version,
      questionnaireVersion: kase.definition.questionnaire.version,
      language,
      idempotencyKey,
      // Keyed, like the blind indexes: a copy of the database cannot test a guessed submission offline.
      requestFingerprint: this.blindIndex.hash('request', `${kase.id}\u0000${JSON.stringify(body)}`),
      submittedIpHash: this.blindIndex.hash('ip', ip),
      sealed: { ...person, typedName: signature.signedName, ip: signature.signatureIp },
      emailHash: this.blindIndex.hash('email', email.canonical),
      phoneHash: this.blindIndex.hash('phone', normaliseKoreanMobile(claimant.phone)),
      consentVersion: kase.definition.consents.version,
      // The hash of each text in the language it was shown in: what the claimant read.
      consents: kase.definition.consents.items.map(({ purpose }) => ({
        purpose,
        granted: body.consents.granted[purpose] as boolean,
        textSha256: kase.consentSha256[purpose][language],
      })),
      mandateVersion: kase.definition.mandate.version,
      mandateSha256: kase.mandateSha256[language],
      userAgent: userAgent.slice(0, 500),
      signedAt: new Date(),
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Both lists, each (field, code) once: the DTO and the case may see the same problem. */
function mergeErrors(a: FieldError[], b: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((e) => {
    const key = `${e.field}\u0000${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
