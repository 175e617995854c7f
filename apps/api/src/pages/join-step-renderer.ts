import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClaimantEvidence, DraftAccess, type DraftStep, type FormBody, type OpenedDraft } from '@app/claimants';
import { EVIDENCE_LIMITS } from '@app/evidence';
import type { Locale } from '@app/http';
import { draftSession } from './draft-cookie';
import { fieldId, type FormErrors } from './form-errors';
import { JOIN_COPY } from './join-copy';
import { joinPage, stepPath, withLang } from './join-page';
import { consentsView, evidenceView, identityView, questionsView, reviewView } from './join-steps.view';

/** Draws the claim form's steps, for the step pages and the upload's refusals alike. */
@Injectable()
export class JoinStepRenderer {
  constructor(
    private readonly drafts: DraftAccess,
    private readonly evidence: ClaimantEvidence,
  ) {}

  /** Draws a step: from the saved draft, or (after a refusal) from what was just typed, with its errors. */
  async render(reply: FastifyReply, opened: OpenedDraft, step: DraftStep, locale: Locale, form: FormBody | null, errors: FormErrors | null, notice: string | null = null) {
    const progress = this.drafts.progress(opened, locale);
    const page = { ...joinPage(opened.kase, locale, step, progress), errors, fieldId, notice: notice && notice in JOIN_COPY[locale].evidence ? notice : null };
    const { kase, data } = opened;
    void reply.header('cache-control', 'no-store');
    switch (step) {
      case 'consents':
        return reply.view('join/consents', { ...page, consents: consentsView(kase, data, locale, form) });
      case 'identity':
        return reply.view('join/identity', { ...page, values: identityView(data, form) });
      case 'questions':
        return reply.view('join/questions', { ...page, questions: questionsView(kase, data, locale, form) });
      case 'evidence': {
        const files = await this.evidence.draftFiles(draftSession(reply.request), kase.slug);
        return reply.view('join/evidence', { ...page, kinds: evidenceView(kase, data, locale, files), errorKind: form ? String(form.kind ?? '') : null, maxBytes: EVIDENCE_LIMITS.maxFileBytes, maxFiles: EVIDENCE_LIMITS.maxFilesPerClaim });
      }
      case 'mandate': {
        const signer = data.filer === 'guardian' ? data.guardian?.name : data.claimant?.name;
        const signedNow = progress.done.mandate ? data.signature : null;
        const typedName = form ? String(form.typedName ?? '') : '';
        return reply.view('join/mandate', { ...page, mandate: progress.mandate, version: kase.definition.mandate.version, signer, guardian: data.filer === 'guardian', signed: signedNow, typedName });
      }
      case 'review': {
        const files = await this.evidence.draftFiles(draftSession(reply.request), kase.slug);
        return reply.view('join/review', { ...page, review: reviewView(opened, locale, files), editHref: (s: DraftStep) => withLang(stepPath(kase.slug, s), locale) });
      }
    }
  }
}
