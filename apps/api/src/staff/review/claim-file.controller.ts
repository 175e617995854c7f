import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AddClaimNote, ClaimFileQuery, CURE_DAYS_DEFAULT, DecideClaim, type DecisionRequest, field, fieldList, type FormBody, mayDecide, REJECTION_REASONS, type TimelineEntry } from '@app/claimants';
import { addDays, seoulToday } from '@app/eligibility';
import { ApiException, type Locale } from '@app/http';
import { allows, CurrentStaff, StaffCan, StaffDirectory, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../../pages/form-errors';
import { CONSOLE_COPY, fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';
import { REVIEW_COPY } from './review-copy';
import { seoulTime, staffAccessor, won } from './review-context';

const DONE = new Set(['approve', 'reject', 'request_information', 'override_estimate', 'assign', 'resolve_flags', 'note']);

/**
 * One claim's file and the decisions made on it. Each decision is its own route, so the route's
 * permission is the decision's (attorneys approve, reject and set amounts; paralegals review,
 * ask for information and write notes). A decision answers 303 back to the file; a refused one
 * shows the file again with the errors beside the decision's fields.
 */
@Controller('staff/claims/:id')
@UseGuards(StaffGuard)
@UseFilters(StaffPageExceptionFilter)
export class ClaimFileController {
  constructor(
    private readonly files: ClaimFileQuery,
    private readonly decide: DecideClaim,
    private readonly addNote: AddClaimNote,
    private readonly directory: StaffDirectory,
  ) {}

  @Get()
  @StaffCan('claims.read')
  async show(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const flash = typeof done === 'string' && DONE.has(done) ? REVIEW_COPY[locale].claim.done[done] : null;
    return this.render(request, reply, staff, id, { flash });
  }

  @Post('approve')
  @StaffCan('claims.decide')
  approve(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.decision(request, reply, staff, id, { kind: 'approve', reason: optional(raw, 'reason') });
  }

  @Post('reject')
  @StaffCan('claims.decide')
  reject(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.decision(request, reply, staff, id, { kind: 'reject', code: field(form(raw), 'code'), reason: optional(raw, 'reason') });
  }

  @Post('override')
  @StaffCan('claims.decide')
  override(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const typed = field(form(raw), 'amountWon').replace(/[,\s원]/g, '');
    const amountWon = /^\d{1,9}$/.test(typed) ? Number(typed) : Number.NaN;
    return this.decision(request, reply, staff, id, { kind: 'override_estimate', amountWon, reason: field(form(raw), 'reason') });
  }

  @Post('request-information')
  @StaffCan('claims.review')
  requestInformation(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.decision(request, reply, staff, id, { kind: 'request_information', items: list(raw, 'items'), cureBy: field(form(raw), 'cureBy'), reason: optional(raw, 'reason') });
  }

  @Post('assign')
  @StaffCan('claims.review')
  async assign(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    let assigneeId: string | null;
    try {
      assigneeId = await assigneeOf(this.directory, staff, field(form(raw), 'assigneeId'));
    } catch (error) {
      return this.refused(request, reply, staff, id, error, {});
    }
    return this.decision(request, reply, staff, id, { kind: 'assign', assigneeId });
  }

  @Post('resolve-flags')
  @StaffCan('claims.review')
  resolveFlags(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.decision(request, reply, staff, id, { kind: 'resolve_flags', reason: optional(raw, 'reason') });
  }

  @Post('notes')
  @StaffCan('claims.review')
  async note(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      await this.addNote.execute(staff.principal, id, field(form(raw), 'body'));
    } catch (error) {
      return this.refused(request, reply, staff, id, error, { body: field(form(raw), 'body') });
    }
    return reply.redirect(`/staff/claims/${id}?done=note#notes`, HttpStatus.SEE_OTHER);
  }

  @Get('evidence/:fileId/:which')
  @StaffCan('claims.read')
  async evidence(
    @CurrentStaff() staff: StaffRequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Param('which') which: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (which !== 'thumbnail' && which !== 'original') throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    const opened = await this.files.openEvidence(staff.principal.firmId, id, fileId, which, staffAccessor(staff, request, 'claim review'));
    if (!opened) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    // Served as what its bytes are, never sniffed, never framed; a PDF opens in the browser's viewer.
    return consoleReply(reply)
      .header('content-type', opened.mediaType)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="evidence-${fileId}.${extension(opened.mediaType)}"`)
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .send(opened.stream);
  }

  private async decision(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, id: string, decision: DecisionRequest) {
    try {
      await this.decide.execute(staff.principal, id, decision);
    } catch (error) {
      return this.refused(request, reply, staff, id, error, inputOf(decision));
    }
    return reply.redirect(`/staff/claims/${id}?done=${decision.kind}`, HttpStatus.SEE_OTHER);
  }

  /** A decision's field errors shown on the file; anything else goes to the console's error page. */
  private async refused(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, id: string, error: unknown, input: Record<string, unknown>) {
    const locale = staffLocale(request, reply);
    const errors = formErrors(error, locale);
    if (!errors || !(error instanceof ApiException) || error.fieldErrors.length === 0) throw error;
    reply.status(error.status);
    return this.render(request, reply, staff, id, { errors, input });
  }

  private async render(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, id: string, extra: { flash?: string | null; errors?: FormErrors; input?: Record<string, unknown> }) {
    const locale = staffLocale(request, reply);
    const copy = REVIEW_COPY[locale];
    const file = await this.files.open(staff.principal.firmId, id, staffAccessor(staff, request, 'claim review'));
    if (!file) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.notFound');
    const names = await this.directory.names(staff.principal.firmId);
    const reviewers = await this.directory.reviewers(staff.principal.firmId);
    const labels = CONSOLE_COPY[locale].dashboard;
    const role = staff.principal.role;
    const inBatch = file.claim.batchId !== null;
    const can = (kind: DecisionRequest['kind']) => mayDecide(kind, file.claim.status, inBatch) && allows(role, kind === 'approve' || kind === 'reject' || kind === 'override_estimate' ? 'claims.decide' : 'claims.review');
    const bounds = file.bounds;
    const actorName = (actor: string) => (actor.startsWith('staff:') ? (names.get(actor.slice(6)) ?? '') : actor === 'claimant' ? copy.claim.actorClaimant : copy.claim.actorSystem);
    return consoleReply(reply).view('staff/review/claim', {
      ...staffPage(locale, request, staff, file.claim.claimNumber),
      review: copy,
      flash: extra.flash ?? null,
      errors: extra.errors ?? null,
      input: { cureBy: addDays(seoulToday(), CURE_DAYS_DEFAULT), amountWon: file.claim.estimateWon ?? '', ...extra.input },
      file,
      view: {
        status: labels.statuses[file.claim.status] ?? file.claim.status,
        verdict: file.claim.verdict ? (labels.verdicts[file.claim.verdict] ?? file.claim.verdict) : labels.verdicts[''],
        amount: won(file.claim.estimateWon, locale),
        submitted: seoulTime(file.claim.submittedAt),
        assignee: file.claim.assigneeId ? (names.get(file.claim.assigneeId) ?? '') : copy.claim.unassigned,
        address: [file.claimant.address.postalCode, file.claimant.address.line1, file.claimant.address.line2].filter(Boolean).join(' '),
        answers: file.answers.map((a) => ({ question: a.question[locale], value: a.value[locale] })),
        reasons: file.assessment?.reasons.map((r) => ({ ...r, outcomeLabel: labels.verdicts[r.outcome] ?? r.outcome, text: r.text[locale] })) ?? [],
        deficiencies: file.assessment?.deficiencies.map((d) => d.text[locale]) ?? [],
        cureBy: file.assessment?.cureBy ?? null,
        breakdown: file.assessment?.breakdown.map((l) => ({ text: l.text[locale], won: won(l.won, locale) })) ?? [],
        estimateTotal: won(file.assessment?.estimateWon, locale),
        evidence: file.evidence.map((e) => ({ ...e, kb: Math.max(1, Math.round(e.bytes / 1024)), uploaded: seoulTime(e.uploadedAt), base: `/staff/claims/${file.claim.id}/evidence/${e.id}` })),
        signature: file.signature && { ...file.signature, signedAt: seoulTime(file.signature.signedAt), signer: copy.claim.signers[file.signature.signer] ?? file.signature.signer },
        consents: file.consents.map((c) => ({ ...c, at: seoulTime(c.at) })),
        emails: file.emails.map((m) => ({ ...m, label: copy.claim.templates[m.template] ?? m.template, statusLabel: copy.claim.emailStatuses[m.status] ?? m.status, at: seoulTime(m.sentAt ?? m.createdAt) })),
        notes: file.notes.map((n) => ({ ...n, by: names.get(n.staffId) ?? '', at: seoulTime(n.at) })),
        flags: file.flags.map((f) => ({ ...f, at: seoulTime(f.createdAt), open: f.resolvedAt === null })),
        timeline: file.timeline.map((t) => ({ at: seoulTime(t.at), label: copy.claim.events[t.kind], text: timelineText(t, copy, labels, actorName, locale) })),
      },
      can: {
        approve: can('approve'), reject: can('reject'), request: can('request_information'), override: can('override_estimate'),
        assign: can('assign'), resolve: can('resolve_flags') && file.flags.some((f) => f.resolvedAt === null), note: allows(role, 'claims.review'),
      },
      rejectionReasons: Object.keys(REJECTION_REASONS).map((code) => ({ value: code, label: copy.claim.rejectionReasons[code] ?? code })),
      requestable: file.requestable.map((i) => ({ value: i.item, label: i.text[locale] })),
      reviewers,
      overrideLabel: fill(copy.claim.overrideAmount, { min: won(bounds.minWon, locale), max: won(bounds.maxWon, locale), step: won(bounds.roundingWon, locale) }),
    });
  }
}

type Copy = (typeof REVIEW_COPY)['ko'];
type Labels = (typeof CONSOLE_COPY)['ko']['dashboard'];

function timelineText(t: TimelineEntry, copy: Copy, labels: Labels, actorName: (a: string) => string, locale: Locale): string {
  switch (t.kind) {
    case 'status':
      return `${t.from ? `${labels.statuses[t.from] ?? t.from} → ` : ''}${labels.statuses[t.to] ?? t.to} · ${actorName(t.actor)}${t.reason ? ` (${t.reason})` : ''}`;
    case 'assessment':
      return `${t.trigger} · ${labels.verdicts[t.verdict] ?? t.verdict} · ${won(t.estimateWon, locale)}`;
    case 'decision':
      return `${copy.claim.decisionKinds[t.decision] ?? t.decision} · ${actorName(`staff:${t.staffId}`)}${t.reason ? ` · ${t.reason}` : ''}`;
    case 'email':
      return `${copy.claim.templates[t.template] ?? t.template} · ${copy.claim.emailStatuses[t.status] ?? t.status}`;
  }
}

const form = (raw: FormBody): FormBody => (raw && typeof raw === 'object' ? raw : {});

function optional(raw: FormBody, name: string): string | null {
  const value = field(form(raw), name);
  return value.trim() === '' ? null : value;
}

const list = (raw: FormBody, name: string): string[] => fieldList(form(raw), name).slice(0, 50);

/** An assignee from the form: 'me', nobody (''), or one of the firm's reviewers. */
export async function assigneeOf(directory: StaffDirectory, staff: StaffRequestContext, chosen: string): Promise<string | null> {
  if (chosen === '') return null;
  const id = chosen === 'me' ? staff.principal.staffId : chosen;
  const reviewers = await directory.reviewers(staff.principal.firmId);
  if (!reviewers.some((r) => r.id === id)) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'assigneeId', code: 'isIn' }]);
  return id;
}

function inputOf(decision: DecisionRequest): Record<string, unknown> {
  const { kind: _kind, ...rest } = decision;
  return rest;
}

function extension(mediaType: string): string {
  return mediaType === 'application/pdf' ? 'pdf' : mediaType === 'image/png' ? 'png' : 'jpg';
}
