import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { CaseRecord, CasesService } from '@app/cases';
import { AppConfig } from '@app/config';
import { BlindIndex, SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { seoulToday } from '@app/eligibility';
import { EmailSubject, Locale, Recipient, RecipientDirectory, SEND_EMAIL, type TemplateName } from '@app/notifications';
import { ClaimsRepository } from './claims.repository';
import { deficiencyText } from './deficiency-text';
import { ClaimDraftsRepository } from './drafts/claim-drafts.repository';
import { draftResumeUrl } from './drafts/draft-link';
import { emailCodeFrom } from './email-proof';
import { EmailVerificationsRepository } from './email-verifications.repository';
import { PersonalData } from './personal-data';
import { REJECTION_REASONS } from './review/decisions';
import { ReviewRepository } from './review/review.repository';
import { statusUrl } from './status-link';

type Key = { firmId: string; id: string };

/** What a recipient is, before the case's texts in the email's language are added. */
type Person =
  | { kind: 'claim'; caseId: string; email: string; recipientName: string; claimNumber: string; statusUrl: string }
  | { kind: 'verification'; caseId: string; email: string; code: string }
  | { kind: 'draft'; caseId: string; email: string; resumeUrl: string; keptUntil: string };

const batching = { cache: false, maxBatchSize: 100, batchScheduleFn: (run: () => void) => setTimeout(run, 2) };

/**
 * Tells the notifications module who an email goes to and what it says about them: a claimant
 * (receipts, status links) or an address being verified (the code). The sends in flight are
 * gathered into one load and one access-log record per firm, as the assessment does.
 */
@Injectable()
export class ClaimantRecipients extends RecipientDirectory {
  private readonly claimLoader = new DataLoader<Key, Person | null, string>((keys) => this.loadGrouped(keys, (f, ids) => this.loadClaims(f, ids)), batching);
  private readonly codeLoader = new DataLoader<Key, Person | null, string>((keys) => this.loadGrouped(keys, (f, ids) => this.loadVerifications(f, ids)), batching);
  private readonly draftLoader = new DataLoader<Key, Person | null, string>((keys) => this.loadGrouped(keys, (f, ids) => this.loadDrafts(f, ids)), batching);

  constructor(
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly review: ReviewRepository,
    private readonly verifications: EmailVerificationsRepository,
    private readonly drafts: ClaimDraftsRepository,
    private readonly personalData: PersonalData,
    private readonly tokens: SignedTokens,
    private readonly blindIndex: BlindIndex,
    private readonly cases: CasesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async lookup(firmId: string, subject: EmailSubject, locale: Locale, template?: TemplateName): Promise<Recipient | null> {
    const person = subject.claimId
      ? await this.claimLoader.load({ firmId, id: subject.claimId })
      : subject.draftId
        ? await this.draftLoader.load({ firmId, id: subject.draftId })
        : await this.codeLoader.load({ firmId, id: subject.verificationId! });
    if (!person) return null;
    const kase = await this.cases.findById(person.caseId);
    if (!kase) return null;
    const texts = caseTexts(kase, locale);
    switch (person.kind) {
      case 'claim': {
        const data = { ...texts, recipientName: person.recipientName, claimNumber: person.claimNumber, statusUrl: person.statusUrl };
        if (template === 'claim-needs-information') return { email: person.email, data: { ...data, ...(await this.deficiencies(firmId, subject.claimId!, locale)) } };
        if (template === 'claim-rejected' || template === 'claim-amount-changed') return { email: person.email, data: { ...data, ...(await this.decision(firmId, subject.claimId!, template, locale)) } };
        return { email: person.email, data };
      }
      case 'draft':
        return { email: person.email, data: { ...texts, resumeUrl: person.resumeUrl, keptUntil: person.keptUntil } };
      case 'verification':
        return { email: person.email, data: { ...texts, code: person.code, minutes: this.config.EMAIL_CODE_MINUTES } };
    }
  }

  private async loadGrouped(keys: readonly Key[], load: (firmId: string, ids: string[]) => Promise<Map<string, Person>>): Promise<(Person | null | Error)[]> {
    const byFirm = new Map<string, string[]>();
    for (const { firmId, id } of keys) byFirm.set(firmId, [...(byFirm.get(firmId) ?? []), id]);
    const found = new Map<string, Person | Error>();
    await Promise.all(
      [...byFirm].map(async ([firmId, ids]) => {
        try {
          for (const [id, person] of await load(firmId, ids)) found.set(id, person);
        } catch (error) {
          for (const id of ids) found.set(id, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return keys.map((k) => found.get(k.id) ?? null);
  }

  private async loadClaims(firmId: string, claimIds: string[]): Promise<Map<string, Person>> {
    const claims = await this.scope.run(firmId, (tx) => this.claims.findWithClaimants(tx, claimIds));
    const people = await this.personalData.reveal(
      firmId,
      { kind: 'system', job: SEND_EMAIL.name },
      'claimant.read',
      claims.map((c) => ({ claimant: c.claimant })),
      ['name', 'email'],
    );
    return new Map(
      claims.map((claim, i) => [
        claim.id,
        {
          kind: 'claim',
          caseId: claim.caseId,
          email: people[i].email,
          recipientName: people[i].name,
          claimNumber: claim.claimNumber,
          statusUrl: statusUrl(this.tokens, this.config.PUBLIC_BASE_URL, { firmId, claimId: claim.id, version: claim.statusLinkVersion }, this.config.STATUS_LINK_DAYS),
        },
      ]),
    );
  }

  /**
   * What a deficiency notice lists: the latest assessment's deficiencies in the email's language,
   * from the case version it was made under, staff-only ones left out (as on the status page).
   */
  private async deficiencies(firmId: string, claimId: string, locale: Locale): Promise<{ missing: string[]; cureBy: string | null }> {
    const found = await this.scope.run(firmId, (tx) => this.claims.findWithAssessment(tx, claimId));
    const assessment = found?.assessment;
    if (!found || !assessment) return { missing: [], cureBy: null };
    const def = (await this.cases.definitionAt(found.claim.caseId, assessment.caseVersion ?? 0)) ?? (await this.cases.findById(found.claim.caseId))?.definition;
    if (!def) return { missing: [], cureBy: assessment.cureBy };
    const staffOnly = new Set(def.rules.rules.filter((r) => r.staffOnly).map((r) => r.id));
    const missing = assessment.deficiencies.filter((d) => !staffOnly.has(d.rule)).map((d) => deficiencyText(def, d.item)[locale]);
    return { missing: [...new Set(missing)], cureBy: assessment.cureBy };
  }

  /**
   * What a decision's email tells: why a claim was rejected (the reason's text and the reviewer's
   * own words), or the amount now claimed (read when sending, so it is the amount in force).
   */
  private async decision(firmId: string, claimId: string, template: 'claim-rejected' | 'claim-amount-changed', locale: Locale) {
    return this.scope.run(firmId, async (tx) => {
      if (template === 'claim-amount-changed') return { amountWon: (await this.claims.findClaim(tx, claimId))?.estimateWon ?? undefined };
      const rejection = await this.review.latestDecision(tx, claimId, 'reject');
      const code = typeof rejection?.details.code === 'string' && rejection.details.code in REJECTION_REASONS ? rejection.details.code : 'other';
      return { rejection: { reason: REJECTION_REASONS[code][locale], note: rejection?.reason ?? null } };
    });
  }

  /** Unfinished drafts' addresses and their resume links (a submitted or expired draft gets no email). */
  private async loadDrafts(firmId: string, ids: string[]): Promise<Map<string, Person>> {
    const rows = (await this.scope.run(firmId, (tx) => this.drafts.findForSending(tx, ids))).filter((d) => !d.submittedAt && d.expiresAt.getTime() > Date.now());
    const emails = await this.personalData.revealDraftEmails(firmId, { kind: 'system', job: SEND_EMAIL.name }, rows);
    const out = new Map<string, Person>();
    for (const [i, draft] of rows.entries()) {
      const kase = await this.cases.findById(draft.caseId);
      if (!kase) continue;
      const ref = { firmId, draftId: draft.id, version: draft.linkVersion };
      out.set(draft.id, {
        kind: 'draft',
        caseId: draft.caseId,
        email: emails[i],
        resumeUrl: draftResumeUrl(this.tokens, this.config.PUBLIC_BASE_URL, kase.slug, ref, draft.expiresAt),
        keptUntil: seoulToday(draft.expiresAt),
      });
    }
    return out;
  }

  private async loadVerifications(firmId: string, ids: string[]): Promise<Map<string, Person>> {
    const rows = await this.scope.run(firmId, (tx) => this.verifications.findForSending(tx, ids));
    const emails = await this.personalData.revealVerificationEmails(firmId, { kind: 'system', job: SEND_EMAIL.name }, rows);
    return new Map(
      rows.map((row, i) => [
        row.id,
        { kind: 'verification', caseId: row.caseId, email: emails[i], code: emailCodeFrom(this.blindIndex.hash('email-code', row.id)) },
      ]),
    );
  }
}

function caseTexts(kase: CaseRecord, locale: Locale): { caseTitle: string; firmName: string } {
  return { caseTitle: kase.definition.title[locale], firmName: locale === 'en' ? kase.firm.nameEn : kase.firm.nameKo };
}
