import { HttpStatus, Injectable } from '@nestjs/common';
import { type CaseRecord, CasesService } from '@app/cases';
import { SignedTokens } from '@app/crypto';
import { FirmScope, type FirmTx } from '@app/database';
import { seoulToday } from '@app/eligibility';
import { ApiException } from '@app/http';
import { ClaimIntake } from '../claim-intake';
import { ClaimsRepository } from '../claims.repository';
import type { ClaimEntity } from '../entities/claim.entity';
import type { ClaimDraftEntity } from '../entities/claim-draft.entity';
import { PersonalData } from '../personal-data';
import { parseEmailAddress } from '../validation/email-address';
import { ClaimDraftsRepository } from './claim-drafts.repository';
import { type DraftRef, readDraftSession } from './draft-link';
import { type DraftData, type DraftStep, currentStep, stepDone, DRAFT_STEPS } from './draft-steps';

/** A draft opened for the person filling it in. */
export interface OpenedDraft {
  ref: DraftRef;
  draft: ClaimDraftEntity;
  kase: CaseRecord;
  data: DraftData;
  /** The proven address the claim will be filed under. */
  email: string;
}

/** Where the form stands: which steps are done, where to go on, and the mandate as it reads now. */
export interface DraftProgress {
  done: Record<DraftStep, boolean>;
  current: DraftStep;
  /** The mandate with this draft's details, in `language`; null until the identity step is done. */
  mandate: { text: string; sha256: string; language: 'ko' | 'en' } | null;
  today: string;
}

/**
 * The door to a draft: the session cookie names the firm, the draft and the link version; a
 * forged, expired or replaced session, or a draft of another case, opens nothing. A submitted
 * draft answers 409 with its claim's id, so the page can say it was filed.
 */
@Injectable()
export class DraftAccess {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly scope: FirmScope,
    private readonly drafts: ClaimDraftsRepository,
    private readonly cases: CasesService,
    private readonly personalData: PersonalData,
    private readonly claims: ClaimsRepository,
  ) {}

  /** The claim a session's draft became, or null if it has not been filed (or the session is not valid). */
  async claimOf(session: unknown, caseSlug: string): Promise<ClaimEntity | null> {
    const [ref, kase] = await this.refAndCase(session, caseSlug).catch(() => [null, null] as const);
    if (!ref || !kase) return null;
    return this.scope.run(ref.firmId, async (tx) => {
      const draft = await this.drafts.find(tx, ref.draftId);
      if (!draft?.submittedAt || draft.linkVersion !== ref.version || draft.caseId !== kase.id) return null;
      return this.claims.findClaim(tx, draft.id);
    });
  }

  /** The session's draft, read in its own transaction. */
  async open(session: unknown, caseSlug: string): Promise<OpenedDraft> {
    const [ref, kase] = await this.refAndCase(session, caseSlug);
    return this.scope.run(ref.firmId, (tx) => this.load(tx, ref, kase, false));
  }

  /** `work` on the session's draft, locked for the transaction (two tabs saving at once take turns). */
  async withLocked<T>(session: unknown, caseSlug: string, work: (tx: FirmTx, opened: OpenedDraft) => Promise<T>): Promise<T> {
    const [ref, kase] = await this.refAndCase(session, caseSlug);
    return this.scope.run(ref.firmId, async (tx) => work(tx, await this.load(tx, ref, kase, true)));
  }

  /** `work` on the session's draft, read in the same transaction without a lock. */
  async withDraft<T>(session: unknown, caseSlug: string, work: (tx: FirmTx, opened: OpenedDraft) => Promise<T>): Promise<T> {
    const [ref, kase] = await this.refAndCase(session, caseSlug);
    return this.scope.run(ref.firmId, async (tx) => work(tx, await this.load(tx, ref, kase, false)));
  }

  /** Where a draft stands against the case as it is now, with the mandate in `language`. */
  progress(opened: OpenedDraft, language: 'ko' | 'en'): DraftProgress {
    const { data, kase } = opened;
    const today = seoulToday();
    const mandate = this.mandate(opened, data.signature?.language ?? language);
    const ctx = { today, mandateSha256: mandate?.sha256 ?? null };
    const done = Object.fromEntries(DRAFT_STEPS.map((s) => [s, stepDone(s, data, kase.definition, ctx)])) as Record<DraftStep, boolean>;
    const shown = data.signature && data.signature.language !== language ? this.mandate(opened, language) : mandate;
    return { done, current: currentStep(data, kase.definition, ctx), mandate: shown, today };
  }

  /** The mandate as this draft's parties would sign it in `language`, or null before the identity step. */
  mandate(opened: OpenedDraft, language: 'ko' | 'en'): { text: string; sha256: string; language: 'ko' | 'en' } | null {
    const { data } = opened;
    const email = parseEmailAddress(opened.email);
    if (!data.claimant || !email) return null;
    const m = ClaimIntake.mandateFor(opened.kase, language, { claimant: { ...data.claimant, email }, guardian: data.filer === 'guardian' ? (data.guardian ?? null) : null });
    return { text: m.text, sha256: m.sha256.toString('hex'), language };
  }

  /**
   * The session's reference and the page's case, read before any transaction opens: loading a
   * case may need a connection of its own, which a transaction holding one must never wait for
   * (with every connection held by such a transaction, the pool deadlocks).
   */
  private async refAndCase(session: unknown, caseSlug: string): Promise<[DraftRef, CaseRecord]> {
    const ref = readDraftSession(this.tokens, session);
    if (!ref) throw new ApiException(HttpStatus.UNAUTHORIZED, 'draft.sessionInvalid');
    const kase = await this.cases.getBySlug(caseSlug).catch((error: unknown) => {
      throw error instanceof ApiException ? new ApiException(HttpStatus.UNAUTHORIZED, 'draft.sessionInvalid') : error;
    });
    return [ref, kase];
  }

  private async load(tx: FirmTx, ref: DraftRef, kase: CaseRecord, lock: boolean): Promise<OpenedDraft> {
    const draft = await this.drafts.find(tx, ref.draftId, lock);
    if (!draft || draft.linkVersion !== ref.version || draft.expiresAt.getTime() < Date.now()) throw new ApiException(HttpStatus.UNAUTHORIZED, 'draft.sessionInvalid');
    if (draft.caseId !== kase.id) throw new ApiException(HttpStatus.UNAUTHORIZED, 'draft.sessionInvalid');
    if (draft.submittedAt) throw new ApiException(HttpStatus.CONFLICT, 'draft.submitted', [], { claimId: draft.id });
    const data = (draft.dataEnc ? this.personalData.openOwnDraft(draft.id, draft.dataEnc) : {}) as DraftData;
    return { ref, draft, kase, data, email: this.personalData.openOwnDraftEmail(draft.id, draft.emailEnc) };
  }
}
