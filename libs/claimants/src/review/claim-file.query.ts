import { Injectable } from '@nestjs/common';
import { AccessLog, type Accessor } from '@app/audit';
import { CasesService, type CaseDefinition } from '@app/cases';
import { FirmScope } from '@app/database';
import { type Bilingual, describeLine, describeResult } from '@app/eligibility';
import { EvidenceService } from '@app/evidence';
import { NotificationsService } from '@app/notifications';
import { ClaimsRepository } from '../claims.repository';
import { PersonalData, type PersonalField } from '../personal-data';
import { REJECTION_REASONS, requestableItems } from './decisions';
import { ReviewRepository } from './review.repository';

/** One thing that happened to a claim, for its timeline (oldest first). */
export type TimelineEntry =
  | { at: Date; kind: 'status'; from: string | null; to: string; actor: string; reason: string | null }
  | { at: Date; kind: 'assessment'; trigger: string; verdict: string; estimateWon: number }
  | { at: Date; kind: 'decision'; decision: string; staffId: string; reason: string | null; details: Record<string, unknown> }
  | { at: Date; kind: 'email'; template: string; status: string };

/**
 * Everything a reviewer sees of one claim: the claimant's details (opened through the one door,
 * so this view is in the access log under the reviewer's name), the answers, each rule's result
 * with its reason in both languages, the estimate and its lines, flags, evidence, the mandate's
 * signature record, every email, the decisions, internal notes and the timeline.
 */
@Injectable()
export class ClaimFileQuery {
  constructor(
    private readonly scope: FirmScope,
    private readonly claims: ClaimsRepository,
    private readonly review: ReviewRepository,
    private readonly cases: CasesService,
    private readonly personalData: PersonalData,
    private readonly evidence: EvidenceService,
    private readonly notifications: NotificationsService,
    private readonly accessLog: AccessLog,
  ) {}

  /**
   * One evidence file of a claim (its thumbnail or the original), for a reviewer: the read is
   * recorded against the claimant before any byte is decrypted. Null when the file is not this
   * claim's (or the claim is not this firm's: the scope hides it).
   */
  async openEvidence(firmId: string, claimId: string, fileId: string, which: 'thumbnail' | 'original', accessor: Accessor & { kind: 'staff' }) {
    const claim = await this.scope.run(firmId, (tx) => this.claims.findClaim(tx, claimId));
    if (!claim) return null;
    await this.accessLog.record(firmId, { accessor, action: `evidence.${which}`, subjects: [claim.claimantId], fields: ['evidence'] });
    return this.scope.run(firmId, async (tx) => {
      if (which === 'original') return this.evidence.openOriginal(tx, claimId, fileId);
      const stream = await this.evidence.openThumbnail(tx, claimId, fileId);
      return stream && { stream, mediaType: 'image/jpeg' as const };
    });
  }

  async open(firmId: string, claimId: string, accessor: Accessor & { kind: 'staff' }) {
    // Each read after the one before: a transaction runs one query at a time.
    const stored = await this.scope.run(firmId, async (tx) => {
      const record = await this.claims.loadOwnRecord(tx, claimId);
      if (!record) return null;
      const events = await this.claims.events(tx, claimId);
      const decisions = await this.review.decisions(tx, claimId);
      const flags = await this.review.flags(tx, claimId);
      const notes = await this.review.notes(tx, claimId);
      const files = await this.evidence.listForStaff(tx, claimId);
      const emails = await this.notifications.sentAbout(tx, claimId);
      return { ...record, events, decisions, flags, notes, files, emails };
    });
    if (!stored) return null;
    const { claim, signature, consents, assessments, guardian, events, decisions, flags, notes, files, emails } = stored;
    const kase = await this.cases.findById(claim.caseId);
    if (!kase) return null;
    const latest = assessments.at(-1) ?? null;
    // Reasons are told by the case version the assessment was made under.
    const assessedUnder: CaseDefinition = (latest?.caseVersion != null && (await this.cases.definitionAt(claim.caseId, latest.caseVersion))) || kase.definition;

    const fields: PersonalField[] = ['name', 'birthDate', 'email', 'phone', 'address'];
    if (signature) fields.push('signedName', 'signatureIp');
    if (guardian) fields.push('guardianName', 'guardianBirthDate', 'guardianPhone');
    const [person] = await this.personalData.reveal(firmId, accessor, 'claim.review', [{ claimant: claim.claimant, signature: signature ?? undefined, guardian: guardian ?? undefined }], fields);
    const noteBodies = await this.personalData.openNotes(firmId, accessor, claim.claimant.id, notes);

    const questions = new Map(kase.definition.questionnaire.questions.map((q) => [q.id, q]));
    const timeline: TimelineEntry[] = [
      ...events.map((e) => ({ at: e.at, kind: 'status' as const, from: e.fromStatus, to: e.toStatus, actor: e.actor, reason: e.reason })),
      ...assessments.map((a) => ({ at: a.createdAt, kind: 'assessment' as const, trigger: a.trigger, verdict: a.verdict, estimateWon: a.estimateWon })),
      ...decisions.map((d) => ({ at: d.at, kind: 'decision' as const, decision: d.kind, staffId: d.staffId, reason: d.reason, details: d.details })),
      ...emails.map((m) => ({ at: m.sentAt ?? m.createdAt, kind: 'email' as const, template: m.template, status: m.status })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());

    return {
      claim: {
        id: claim.id,
        claimNumber: claim.claimNumber,
        caseId: claim.caseId,
        caseSlug: kase.slug,
        caseTitle: kase.definition.title,
        status: claim.status,
        verdict: claim.verdict,
        estimateWon: claim.estimateWon,
        overriddenWon: claim.estimateOverrideWon,
        dataTier: claim.dataTier,
        assigneeId: claim.assigneeId,
        batchId: claim.batchId,
        locale: claim.locale,
        submittedAt: claim.createdAt,
        statusChangedAt: claim.statusChangedAt,
        factsVersion: claim.factsVersion,
        caseVersion: claim.caseVersion,
      },
      claimant: {
        name: person.name,
        birthDate: person.birthDate,
        email: person.email,
        phone: person.phone,
        address: JSON.parse(person.address) as { postalCode?: string; line1?: string; line2?: string },
      },
      guardian: guardian ? { name: person.guardianName, birthDate: person.guardianBirthDate, phone: person.guardianPhone, relation: guardian.relation } : null,
      answers: Object.entries(claim.answers).map(([id, value]) => ({ id, question: questions.get(id)?.text ?? { ko: id, en: id }, value: answerText(value, questions.get(id)) })),
      assessment: latest && {
        at: latest.createdAt,
        trigger: latest.trigger,
        verdict: latest.verdict,
        rulesVersion: latest.rulesVersion,
        modelVersion: latest.modelVersion,
        cureBy: latest.cureBy,
        reasons: latest.reasons.map((r) => ({ rule: r.rule, outcome: r.outcome, staffOnly: r.staffOnly === true, text: describeResult(assessedUnder.rules, assessedUnder.questionnaire, r) })),
        deficiencies: latest.deficiencies.map((d) => ({ rule: d.rule, item: d.item, text: requestableItems(assessedUnder).find((i) => i.item === d.item)?.text ?? { ko: d.item, en: d.item } })),
        estimateWon: latest.estimateWon,
        breakdown: latest.estimateBreakdown.map((l) => ({ code: l.code, won: l.won, text: describeLine(assessedUnder.damages, l.code) })),
      },
      flags: flags.map((f) => ({ id: f.id, kind: f.kind, details: f.details, createdAt: f.createdAt, resolvedAt: f.resolvedAt, resolvedBy: f.resolvedBy })),
      evidence: files,
      signature: signature && {
        version: signature.documentVersion,
        language: signature.documentLanguage,
        sha256: signature.documentSha256.toString('hex'),
        signedAt: signature.signedAt,
        signer: signature.signer,
        typedName: person.signedName,
        ip: person.signatureIp,
        userAgent: signature.userAgent,
      },
      consents: consents.map((c) => ({ purpose: c.purpose, granted: c.granted, version: c.version, language: c.textLanguage, sha256: c.textSha256.toString('hex'), at: c.at })),
      emails: emails.map((m) => ({ id: m.id, template: m.template, locale: m.locale, status: m.status, attempts: m.attempts, createdAt: m.createdAt, sentAt: m.sentAt })),
      decisions: decisions.map((d) => ({ id: d.id, kind: d.kind, staffId: d.staffId, reason: d.reason, details: d.details, at: d.at, rejection: d.kind === 'reject' ? (REJECTION_REASONS[String(d.details.code)] ?? null) : null })),
      notes: notes.map((n, i) => ({ id: n.id, staffId: n.staffId, body: noteBodies[i], at: n.createdAt })),
      timeline,
      requestable: requestableItems(kase.definition),
      bounds: { minWon: kase.definition.damages.minWon, maxWon: kase.definition.damages.maxWon, roundingWon: kase.definition.damages.roundingWon },
    };
  }
}

/** An answer as a reviewer reads it: a choice's label, yes/no, a date or the text given. */
function answerText(value: unknown, question: { type: string; options?: { value: string; label: Bilingual }[] } | undefined): Bilingual {
  const label = (v: unknown): Bilingual => {
    const option = question?.options?.find((o) => o.value === v);
    if (option) return option.label;
    if (v === true) return { ko: '예', en: 'Yes' };
    if (v === false) return { ko: '아니요', en: 'No' };
    return { ko: String(v), en: String(v) };
  };
  if (Array.isArray(value)) {
    const parts = value.map(label);
    return { ko: parts.map((p) => p.ko).join(', '), en: parts.map((p) => p.en).join(', ') };
  }
  return label(value);
}
