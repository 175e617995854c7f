import { HttpStatus, Injectable } from '@nestjs/common';
import { answersValidator, seoulToday } from '@app/eligibility';
import { normaliseName } from '@app/evidence';
import { ApiException, type FieldError, type Locale, validateBody } from '@app/http';
import { DraftIdentityDto, DraftSignatureDto } from '../dto/draft-steps.dto';
import { PersonalData } from '../personal-data';
import { ClaimDraftsRepository } from './claim-drafts.repository';
import { DraftAccess, type OpenedDraft } from './draft-access';
import { canOpen, type DraftData, type DraftStep, isMinor } from './draft-steps';
import { answersFromForm, consentsFromForm, field, type FormBody, identityFromForm } from './form-input';

export interface SaveStepCommand {
  session: unknown;
  caseSlug: string;
  step: Exclude<DraftStep, 'review'>;
  form: FormBody;
  /** The page's language: consents and the mandate are recorded as shown in it. */
  language: Locale;
  ip: string;
  userAgent: string;
}

/**
 * Saves one step of the claim form, after checking it as the final submission will: a step
 * that does not pass is not saved, and every problem comes back on its field. Steps open in
 * order; going back to edit one is always possible, and a change to the details after signing
 * reopens the mandate (its text, and so its hash, changed).
 */
@Injectable()
export class SaveDraftStep {
  constructor(
    private readonly access: DraftAccess,
    private readonly drafts: ClaimDraftsRepository,
    private readonly personalData: PersonalData,
  ) {}

  async execute(command: SaveStepCommand): Promise<{ next: DraftStep }> {
    return this.access.withLocked(command.session, command.caseSlug, async (tx, opened) => {
      const today = seoulToday();
      const progress = this.access.progress(opened, command.language);
      if (!canOpen(command.step, opened.data, opened.kase.definition, { today, mandateSha256: progress.mandate?.sha256 ?? null })) {
        throw new ApiException(HttpStatus.CONFLICT, 'draft.stepLocked', [], { step: progress.current });
      }
      const data = await this.apply(command, opened, today);
      await this.drafts.saveData(tx, opened.draft.id, this.personalData.sealDraft(opened.draft.id, data), command.language);
      // On to the first step not done: the next one, or one an edit reopened (a changed detail reopens the mandate).
      return { next: this.access.progress({ ...opened, data }, command.language).current };
    });
  }

  private async apply(command: SaveStepCommand, opened: OpenedDraft, today: string): Promise<DraftData> {
    const { form } = command;
    const def = opened.kase.definition;
    const data: DraftData = { ...opened.data };
    switch (command.step) {
      case 'consents': {
        const granted = consentsFromForm(def.consents.items.map((c) => c.purpose), form);
        const errors: FieldError[] = def.consents.items
          .filter((c) => c.required && !granted[c.purpose])
          .map((c) => ({ field: `consent.${c.purpose}`, code: 'consentRequired', label: { ko: c.text.ko.split('\n')[0], en: c.text.en.split('\n')[0] } }));
        fail(errors);
        data.consents = { version: def.consents.version, granted, language: command.language, at: new Date().toISOString() };
        return data;
      }
      case 'identity': {
        const input = identityFromForm(form, today);
        // A child may have no phone of their own: the guardian's then stands for the claim.
        if (input.filer === 'guardian' && input.claimant.phone === '' && input.guardian) input.claimant.phone = input.guardian.phone;
        const { instance, errors } = await validateBody(DraftIdentityDto, input);
        if (instance.filer === 'self' && errors.every((e) => e.field !== 'claimant.birthDate') && isMinor(input.claimant.birthDate, today)) {
          errors.push({ field: 'filer', code: 'minorNeedsGuardian' });
        }
        fail(errors);
        data.filer = instance.filer;
        data.claimant = { name: input.claimant.name, birthDate: input.claimant.birthDate, phone: input.claimant.phone, address: input.claimant.address };
        if (instance.filer === 'guardian' && input.guardian) {
          data.guardian = { name: input.guardian.name, birthDate: input.guardian.birthDate, relation: input.guardian.relation as 'parent' | 'guardian', phone: input.guardian.phone };
        } else delete data.guardian;
        return data;
      }
      case 'questions': {
        const answers = answersFromForm(def.questionnaire, form, today);
        fail(
          answersValidator(def.questionnaire)(answers, today).map((p) => ({ field: p.question ? `q.${p.question}` : 'answers', code: p.code, ...(p.label ? { label: p.label } : {}) })),
        );
        data.answers = answers;
        return data;
      }
      case 'evidence':
        data.evidenceSeen = true;
        return data;
      case 'mandate': {
        const input = { typedName: field(form, 'typedName').normalize('NFC'), agreed: field(form, 'agreed') === 'yes' ? true : field(form, 'agreed') };
        const { errors } = await validateBody(DraftSignatureDto, input);
        const signer = data.filer === 'guardian' ? data.guardian?.name : data.claimant?.name;
        if (!errors.some((e) => e.field === 'typedName') && signer && normaliseName(input.typedName) !== normaliseName(signer)) {
          errors.push({ field: 'typedName', code: data.filer === 'guardian' ? 'matchesGuardianName' : 'matchesName' });
        }
        fail(errors.map((e) => (e.field === 'agreed' ? { field: 'agreed', code: 'mandateAgreed' } : e)));
        const mandate = this.access.mandate(opened, command.language)!;
        data.signature = {
          typedName: input.typedName,
          mandateVersion: def.mandate.version,
          language: command.language,
          textSha256: mandate.sha256,
          signedAt: new Date().toISOString(),
          ip: command.ip,
          userAgent: command.userAgent.slice(0, 500),
        };
        return data;
      }
    }
  }
}

function fail(errors: FieldError[]): void {
  if (errors.length > 0) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', errors);
}
