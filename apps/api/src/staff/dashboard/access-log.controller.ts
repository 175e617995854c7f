import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AccessLogQuery, type AccessLogFilter, type AccessLogRow, AccessReviews, AuditedExports, ChainVerifier, filterQuery, parseAccessLogFilter,
  parseReviewMonth, recentMonths, type ResolvedAccessLogFilter, ReviewAlreadyRecorded, reviewableMonths,
} from '@app/audit';
import { ClaimIdentifiers, field, type FormBody, isTypedText, seoulDateTime } from '@app/claimants';
import { ApiException, type Locale } from '@app/http';
import { CurrentStaff, StaffCan, StaffDirectory, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../../pages/form-errors';
import { CONSOLE_COPY, fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';
import { chainView } from './access-chain.view';
import { csvCell } from './csv-cell';

const PAGE = 50;
const FILTER_FIELDS = ['from', 'to', 'staff', 'action', 'claim', 'claimant', 'after'] as const;

type Filters = Record<(typeof FILTER_FIELDS)[number], string>;

/** A refused form or filter, shown on the page. */
class PageProblem extends Error {
  constructor(readonly error: ApiException) {
    super(error.messageKey);
  }
}

/**
 * The access log for the firm's auditor: the records filtered and paged, the hash chain's
 * verification, the monthly reviews and the form to record one, and the filtered log as CSV
 * (its reason recorded). Auditors see identifiers (claim numbers, claimant ids), never a
 * claimant's personal fields.
 */
@Controller('staff/access-log')
@UseGuards(StaffGuard)
@StaffCan('accessLog.read')
@UseFilters(StaffPageExceptionFilter)
export class AccessLogController {
  constructor(
    private readonly chain: ChainVerifier,
    private readonly query: AccessLogQuery,
    private readonly reviews: AccessReviews,
    private readonly exports: AuditedExports,
    private readonly identifiers: ClaimIdentifiers,
    private readonly directory: StaffDirectory,
  ) {}

  @Get()
  async show(@CurrentStaff() staff: StaffRequestContext, @Query() raw: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.render(request, reply, staff, raw ?? {}, {});
  }

  @Post('reviews')
  @HttpCode(HttpStatus.OK)
  async review(@CurrentStaff() staff: StaffRequestContext, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const month = parseReviewMonth(field(form, 'month'));
    const findings = field(form, 'findings');
    const problems: { field: string; code: string }[] = [];
    if (!month || !reviewableMonths(new Date()).includes(month)) problems.push({ field: 'month', code: 'reviewMonth' });
    if (findings === '') problems.push({ field: 'findings', code: 'isNotEmpty' });
    else if (findings.length > 4000) problems.push({ field: 'findings', code: 'maxLength' });
    // Plain text only: a NUL would reach Postgres (access_reviews.findings) as a 500.
    else if (!isTypedText(findings)) problems.push({ field: 'findings', code: 'plainText' });
    if (problems.length) return this.refused(request, reply, staff, new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems), { findings });
    try {
      await this.reviews.record(staff.principal.firmId, { month: month!, staffId: staff.principal.staffId, findings });
    } catch (error) {
      if (!(error instanceof ReviewAlreadyRecorded)) throw error;
      return this.refused(request, reply, staff, new ApiException(HttpStatus.CONFLICT, 'accessReview.alreadyRecorded', [{ field: 'month', code: 'alreadyRecorded' }]), { findings });
    }
    return this.render(request, reply, staff, {}, { flash: fill(CONSOLE_COPY[locale].accessLog.recorded, { month: month!.slice(0, 7) }) });
  }

  /** Asks the worker to recompute the whole chain (the one running, if one is); the page then shows its progress. */
  @Post('verify')
  @HttpCode(HttpStatus.OK)
  async verifyAll(@CurrentStaff() staff: StaffRequestContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { started } = await this.chain.requestFull(staff.principal.firmId, staff.principal.staffId);
    const copy = CONSOLE_COPY[staffLocale(request, reply)].accessLog;
    return this.render(request, reply, staff, {}, { flash: started ? copy.verifyRequested : copy.verifyAlreadyRunning });
  }

  @Post('download')
  @HttpCode(HttpStatus.OK)
  async download(@CurrentStaff() staff: StaffRequestContext, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const input = Object.fromEntries(FILTER_FIELDS.filter((f) => f !== 'after').map((f) => [f, field(form, f)]));
    const reason = field(form, 'reason');
    let filter: ResolvedAccessLogFilter;
    try {
      filter = await this.resolve(staff.principal.firmId, input);
    } catch (error) {
      if (error instanceof PageProblem) return this.refused(request, reply, staff, error.error, {}, input);
      throw error;
    }
    // Plain text only: a NUL would reach Postgres (export_records.reason) as a 500.
    if (reason === '' || reason.length > 500 || !isTypedText(reason)) {
      const error = new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'reason', code: reason === '' ? 'isNotEmpty' : reason.length > 500 ? 'maxLength' : 'plainText' }]);
      return this.refused(request, reply, staff, error, { reason: reason.slice(0, 500) }, input);
    }
    const firmId = staff.principal.firmId;
    const exportId = await this.exports.start(firmId, { staffId: staff.principal.staffId, kind: 'access-log', reason });
    const people = await this.people(firmId);
    const copy = CONSOLE_COPY[locale].accessLog;
    const records = async function* (this: AccessLogController) {
      yield [copy.at, copy.account, copy.ip, copy.subject, copy.claimant, copy.action, copy.what, copy.reason, 'id'];
      let rows = 0;
      for await (const page of this.query.all(firmId, filter)) {
        const numbers = await this.identifiers.claimNumbers(firmId, subjectsOf(page));
        for (const r of page) {
          const v = view(r, people, numbers, locale);
          yield [v.at, v.account, r.ip ?? '', v.subject, r.subjectClaimantId ?? '', r.action, r.fields.join(' '), r.reason ?? '', r.id].map(csvCell);
        }
        rows += page.length;
      }
      await this.exports.finish(firmId, exportId, rows);
    }.call(this);
    return consoleReply(reply)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="access-log.csv"')
      .send(Readable.from(records).pipe(stringify({ bom: true, record_delimiter: 'windows' })));
  }

  private refused(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, error: ApiException, input: { findings?: string; reason?: string }, filters: Record<string, unknown> = {}) {
    return this.render(request, reply.status(error.status), staff, filters, { errors: formErrors(error, staffLocale(request))!, ...input });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffRequestContext,
    raw: Record<string, unknown>,
    extra: { errors?: FormErrors; flash?: string; findings?: string; reason?: string },
  ) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const firmId = staff.principal.firmId;
    const inputs = Object.fromEntries(FILTER_FIELDS.map((f) => [f, typeof raw[f] === 'string' ? (raw[f] as string).slice(0, 100) : ''])) as Filters;
    let errors = extra.errors ?? null;
    let page: { rows: AccessLogRow[]; more: boolean } = { rows: [], more: false };
    let filter: AccessLogFilter | null = null;
    try {
      const resolved = await this.resolve(firmId, raw);
      filter = { ...resolved, claimNumber: inputs.claim ? inputs.claim.toUpperCase() : null };
      page = await this.query.page(firmId, resolved, PAGE);
    } catch (error) {
      if (!(error instanceof PageProblem)) throw error;
      errors = formErrors(error.error, locale);
      void reply.status(error.error.status);
    }
    const people = await this.people(firmId);
    const numbers = await this.identifiers.claimNumbers(firmId, subjectsOf(page.rows));
    const chain = await this.chain.verifySinceCheckpoint(firmId, staff.principal.staffId);
    const full = await this.chain.fullVerifications(firmId);
    const months = recentMonths(new Date(), 12);
    const reviews = new Map((await this.reviews.list(firmId, months)).map((r) => [r.month, r]));
    const open = reviewableMonths(new Date()).filter((m) => !reviews.has(m));
    const query = filter ? filterQuery(filter) : {};
    const last = page.rows.at(-1);
    return consoleReply(reply).view('staff/access-log/index', {
      ...staffPage(locale, request, staff, copy.accessLog.title),
      flash: extra.flash ?? null,
      errors,
      inputs,
      hidden: Object.entries(query).map(([name, value]) => ({ name, value })),
      staffOptions: [...people.entries()].map(([id, p]) => ({ id, label: `${p.name} (${p.email})`, selected: id === inputs.staff.toLowerCase() })),
      chain: chainView(chain, full, copy.accessLog, (id) => people.get(id)?.name),
      rows: page.rows.map((r) => view(r, people, numbers, locale)),
      nextHref: page.more && last ? `/staff/access-log?${new URLSearchParams({ ...query, after: last.seq }).toString()}` : null,
      firstHref: inputs.after ? `/staff/access-log?${new URLSearchParams(query).toString()}` : null,
      months: months.map((m) => {
        const r = reviews.get(m);
        return {
          month: m.slice(0, 7),
          review: r && {
            by: people.get(r.reviewedBy)?.name ?? r.reviewedBy,
            at: seoulDateTime(r.reviewedAt),
            rows: r.rows.toLocaleString('ko-KR'),
            chainOk: r.chainOk,
            findings: r.findings,
          },
        };
      }),
      openMonths: open.map((m) => m.slice(0, 7)),
      findings: extra.findings ?? '',
      reason: extra.reason ?? '',
    });
  }

  /** The filter with a claim number turned into its claimant (a number of another firm is "no such claim"). */
  private async resolve(firmId: string, raw: Record<string, unknown>): Promise<ResolvedAccessLogFilter> {
    const { filter, problems } = parseAccessLogFilter(raw);
    if (problems.length) throw new PageProblem(new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems));
    const { claimNumber, ...rest } = filter;
    if (!claimNumber) return rest;
    const claimantId = await this.identifiers.claimantOf(firmId, claimNumber);
    if (!claimantId || (rest.claimantId && rest.claimantId !== claimantId)) {
      throw new PageProblem(new ApiException(HttpStatus.NOT_FOUND, 'request.validation', [{ field: 'claim', code: 'claimNotFound' }]));
    }
    return { ...rest, claimantId };
  }

  private async people(firmId: string): Promise<Map<string, { name: string; email: string }>> {
    return new Map((await this.directory.list(firmId)).map((a) => [a.id, { name: a.name, email: a.email }]));
  }
}

function subjectsOf(rows: AccessLogRow[]): string[] {
  return [...new Set(rows.map((r) => r.subjectClaimantId).filter((id): id is string => id !== null))];
}

/** A record as the page and the CSV show it: who by name and email (staff) or kind, whose data by claim number. */
function view(r: AccessLogRow, people: Map<string, { name: string; email: string }>, numbers: Map<string, string>, locale: Locale) {
  const copy = CONSOLE_COPY[locale].accessLog;
  const person = r.actorType === 'staff' ? people.get(r.actorId) : undefined;
  const account = person ? `${person.name} <${person.email}>` : r.actorType === 'staff' ? `${copy.kinds.staff} ${r.actorId}` : `${copy.kinds[r.actorType]}${r.actorType === 'system' ? `: ${r.actorId}` : ''}`;
  const subject = r.subjectClaimantId ? (numbers.get(r.subjectClaimantId) ?? copy.unknownClaim) : fill(copy.people, { n: r.subjectCount });
  return { id: r.id, at: seoulDateTime(r.at), account, ip: r.ip ?? '', subject, claimantId: r.subjectClaimantId, action: r.action, fields: r.fields.join(', '), reason: r.reason ?? '' };
}
