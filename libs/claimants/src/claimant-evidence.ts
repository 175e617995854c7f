import type { Readable } from 'node:stream';
import { HttpStatus, Injectable } from '@nestjs/common';
import { CasesService } from '@app/cases';
import { BlindIndex, SignedTokens } from '@app/crypto';
import { FirmScope } from '@app/database';
import { kindsShown } from '@app/eligibility';
import { type EvidenceFileView, EvidenceService, type ReceivedFile } from '@app/evidence';
import { ApiException } from '@app/http';
import { OutboxService } from '@app/queue';
import { claimOfLink, statusRef } from './claimant-link';
import { awaitsInformation } from './claimant-view';
import { CLAIM_FACTS_CHANGED } from './claims.queue';
import { ClaimsRepository } from './claims.repository';
import { DraftAccess } from './drafts/draft-access';

/** Statuses in which a claim no longer takes evidence. */
const CLOSED = new Set(['withdrawn', 'rejected']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const kindError = () => new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'kind', code: 'evidenceKind' }]);

/**
 * A claimant's own evidence. Uploads go to their draft while they fill in the form, or to their
 * claim through their status link (a new fact: the claim is assessed again, and one waiting for
 * information goes back to be checked). The kind and the claim are checked before the file's
 * bytes are read; the bytes are taken in outside any transaction, then recorded in one. While
 * the form is a draft, a file can be taken back; once filed, it is part of the claim's record.
 */
@Injectable()
export class ClaimantEvidence {
  constructor(
    private readonly drafts: DraftAccess,
    private readonly evidence: EvidenceService,
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly cases: CasesService,
    private readonly tokens: SignedTokens,
    private readonly outbox: OutboxService,
    private readonly blindIndex: BlindIndex,
  ) {}

  /** Throws unless `kind` may be uploaded to the session's draft now (the kinds its answers call for). */
  async checkDraft(session: unknown, caseSlug: string, kind: string): Promise<void> {
    const { kase, data } = await this.drafts.open(session, caseSlug);
    const shown = kindsShown(kase.definition.evidence, { answers: data.answers ?? {}, filer: { guardian: data.filer === 'guardian' } });
    if (!shown.some((k) => k.id === kind)) throw kindError();
  }

  async toDraft(command: { session: unknown; caseSlug: string; kind: string; file: Readable; ip: string }): Promise<EvidenceFileView> {
    await this.checkDraft(command.session, command.caseSlug, command.kind);
    const received = await this.evidence.receive(command.file);
    return this.recording(received, () =>
      this.drafts.withLocked(command.session, command.caseSlug, (tx, opened) =>
        this.evidence.save(tx, received, { caseId: opened.kase.id, ownerId: opened.draft.id, kind: command.kind, uploadedBy: 'claimant', uploadedIpHash: this.blindIndex.hash('ip', command.ip) }),
      ),
    );
  }

  /** Throws unless the status link's claim takes evidence of `kind` (any kind its case asks for). */
  async checkClaim(token: unknown, kind: string): Promise<void> {
    const ref = statusRef(this.tokens, token);
    const claim = await this.scope.run(ref.firmId, (tx) => claimOfLink(tx, this.claims, ref));
    if (CLOSED.has(claim.status)) throw new ApiException(HttpStatus.CONFLICT, 'claim.closedForEvidence');
    const kase = await this.cases.findById(claim.caseId);
    if (!kase?.definition.evidence?.kinds.some((k) => k.id === kind)) throw kindError();
  }

  async toClaim(command: { token: unknown; kind: string; file: Readable; ip: string }): Promise<EvidenceFileView> {
    await this.checkClaim(command.token, command.kind);
    const ref = statusRef(this.tokens, command.token);
    const received = await this.evidence.receive(command.file);
    return this.recording(received, () =>
      this.scope.run(ref.firmId, async (tx) => {
        const claim = await claimOfLink(tx, this.claims, ref);
        if (CLOSED.has(claim.status)) throw new ApiException(HttpStatus.CONFLICT, 'claim.closedForEvidence');
        const saved = await this.evidence.save(tx, received, { caseId: claim.caseId, ownerId: claim.id, kind: command.kind, uploadedBy: 'claimant', uploadedIpHash: this.blindIndex.hash('ip', command.ip) });
        // The same file again (a retry) is no new fact.
        if (!saved.added) return saved;
        // A new fact: assessed again; a claim waiting for information goes back to be checked.
        await this.claims.recordFact(tx, claim.id, 'evidence-added');
        const latest = (await this.claims.findWithAssessment(tx, claim.id))?.assessment ?? null;
        if (awaitsInformation(claim.status, latest)) await this.claims.moveStatuses(tx, [{ claimId: claim.id, from: claim.status, to: 'submitted' }], 'claimant', 'evidence added');
        await this.outbox.enqueue(tx, [{ topic: CLAIM_FACTS_CHANGED, aggregateId: claim.id }]);
        return saved;
      }),
    );
  }

  /** The draft's files, for its evidence and review steps. */
  async draftFiles(session: unknown, caseSlug: string): Promise<EvidenceFileView[]> {
    return this.drafts.withDraft(session, caseSlug, (tx, opened) => this.evidence.list(tx, opened.draft.id));
  }

  /** Takes a file back out of the draft (its bytes are deleted); false if it is not the draft's. */
  async removeFromDraft(session: unknown, caseSlug: string, fileId: string): Promise<boolean> {
    if (!UUID.test(fileId)) return false;
    return this.drafts.withLocked(session, caseSlug, (tx, opened) => this.evidence.remove(tx, opened.draft.id, fileId));
  }

  /** A thumbnail of one of the draft's files, or null. */
  async draftThumbnail(session: unknown, caseSlug: string, fileId: string): Promise<Readable | null> {
    if (!UUID.test(fileId)) return null;
    return this.drafts.withDraft(session, caseSlug, (tx, opened) => this.evidence.openThumbnail(tx, opened.draft.id, fileId));
  }

  /** A thumbnail of one of the claim's files, behind its status link, or null. */
  async claimThumbnail(token: unknown, fileId: string): Promise<Readable | null> {
    if (!UUID.test(fileId)) return null;
    const ref = statusRef(this.tokens, token);
    return this.scope.run(ref.firmId, async (tx) => {
      const claim = await claimOfLink(tx, this.claims, ref);
      return this.evidence.openThumbnail(tx, claim.id, fileId);
    });
  }

  /**
   * Records a received file; if that fails (a refusal, a lost connection) or the same file was
   * there already, the new bytes are deleted.
   */
  private async recording(received: ReceivedFile, record: () => Promise<{ file: EvidenceFileView; added: boolean }>): Promise<EvidenceFileView> {
    let saved: { file: EvidenceFileView; added: boolean };
    try {
      saved = await record();
    } catch (error) {
      await this.evidence.discard(received);
      throw error;
    }
    if (!saved.added) await this.evidence.discard(received);
    return saved.file;
  }
}
