import { HttpStatus, Injectable } from '@nestjs/common';
import { CaseRecord, CasesService, isIntakeOpen } from '@app/cases';
import { BlindIndex, SignedTokens } from '@app/crypto';
import { answersValidator, seoulToday } from '@app/eligibility';
import { normaliseName } from '@app/evidence';
import { ApiException, FieldError, Locale } from '@app/http';
import { ClaimIntake, type SubmitClaimResult } from './claim-intake';
import type { SubmitClaimDto } from './dto/submit-claim.dto';
import { emailProofMatches } from './email-proof';
import { EmailAddress, parseEmailAddress } from './validation/email-address';

export type { SubmitClaimResult } from './claim-intake';

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

/**
 * Takes a claim in through the JSON API: checks what the DTO cannot (the case is open, the
 * consent version is current, the signature is the signer's name, the email is proven), then
 * hands it to ClaimIntake, which writes everything in one statement. Slow work (checks,
 * estimate, email) happens in the worker.
 */
@Injectable()
export class SubmitClaim {
  constructor(
    private readonly cases: CasesService,
    private readonly intake: ClaimIntake,
    private readonly blindIndex: BlindIndex,
    private readonly tokens: SignedTokens,
  ) {}

  async execute(command: SubmitClaimCommand): Promise<SubmitClaimResult> {
    const kase = await this.cases.getBySlug(command.caseSlug);
    if (!isIntakeOpen(kase)) throw new ApiException(HttpStatus.CONFLICT, 'case.intakeClosed');
    const errors = mergeErrors(command.inputErrors, this.caseErrors(kase, command.body));
    if (errors.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
    const email = this.provenEmail(kase, command.body);
    const { body } = command;
    const { claimant, guardian } = body;
    const language = body.signature.language ?? command.locale;
    return this.intake.submit({
      kase,
      claimant: { name: claimant.name.normalize('NFC').trim(), birthDate: claimant.birthDate, email, phone: claimant.phone, address: claimant.address },
      guardian: guardian ? { name: guardian.name.normalize('NFC').trim(), birthDate: guardian.birthDate, phone: guardian.phone, relation: guardian.relation } : null,
      answers: body.answers,
      consents: body.consents.granted as Record<string, boolean>,
      language,
      locale: command.locale,
      signature: { typedName: body.signature.typedName.normalize('NFC').trim(), signedAt: new Date(), ip: command.ip, userAgent: command.userAgent },
      idempotencyKey: command.idempotencyKey,
      fingerprintSource: JSON.stringify(body),
      submittedIp: command.ip,
    });
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
      // A minor's guardian signs in their own name.
      const signer = isRecord(body.guardian) ? body.guardian : body.claimant;
      const name = isRecord(signer) ? signer.name : undefined;
      if (typeof typedName === 'string' && typeof name === 'string' && normaliseName(typedName) !== normaliseName(name)) {
        errors.push({ field: 'signature.typedName', code: isRecord(body.guardian) ? 'matchesGuardianName' : 'matchesName' });
      }
    }
    return errors;
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
