import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BULK_MAX, BulkJobs, type BulkRequest, CURE_DAYS_DEFAULT, field, fieldList, filterQuery, type FormBody, parseQueueFilter, REJECTION_REASONS, requestableItems, ReviewQueue, StartBulkDecision } from '@app/claimants';
import { FirmScope } from '@app/database';
import { addDays, seoulToday } from '@app/eligibility';
import { ApiException, type Locale } from '@app/http';
import { allows, CurrentStaff, StaffCan, StaffDirectory, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../../pages/form-errors';
import { fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';
import { assigneeOf } from './claim-file.controller';
import { REVIEW_COPY } from './review-copy';
import { type ReviewCase, ReviewCases, won } from './review-context';
import { formErrorsOf } from './review-queue.controller';

const KINDS = ['approve', 'reject', 'request_information', 'assign'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Bulk decisions over the queue's filter: a confirmation page with the exact count and the
 * decision's fields, then a job whose progress page reloads itself until it is done. Approving
 * and rejecting in bulk need the attorney's permission, as one at a time.
 */
@Controller('staff/claims/bulk')
@UseGuards(StaffGuard)
@UseFilters(StaffPageExceptionFilter)
export class BulkDecisionsController {
  constructor(
    private readonly scope: FirmScope,
    private readonly queue: ReviewQueue,
    private readonly reviewCases: ReviewCases,
    private readonly start: StartBulkDecision,
    private readonly jobs: BulkJobs,
    private readonly directory: StaffDirectory,
  ) {}

  @Get()
  @StaffCan('claims.review')
  async confirm(@CurrentStaff() staff: StaffRequestContext, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const { kase, kind } = await this.selection(staff, query ?? {}, locale);
    return this.render(request, reply, staff, kase, kind, query ?? {}, {});
  }

  @Post()
  @StaffCan('claims.review')
  async run(@CurrentStaff() staff: StaffRequestContext, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const { kase, kind } = await this.selection(staff, form, locale);
    const { filter, problems } = parseQueueFilter(form, kase.filterChoices);
    if (problems.length) return this.render(request, reply.status(400), staff, kase, kind, form, { errors: formErrorsOf(problems, locale) ?? undefined });
    const expected = /^\d{1,6}$/.test(field(form, 'expected')) ? Number(field(form, 'expected')) : -1;
    try {
      const decision = await this.requestOf(staff, kind, form);
      const jobId = await this.start.execute(staff.principal, kase.record.id, filter, decision, expected);
      return reply.redirect(`/staff/claims/bulk/${jobId}`, HttpStatus.SEE_OTHER);
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || !(error instanceof ApiException) || error.status >= 500) throw error;
      return this.render(request, reply.status(error.status), staff, kase, kind, form, { errors });
    }
  }

  @Get(':jobId')
  @StaffCan('claims.review')
  async progress(@CurrentStaff() staff: StaffRequestContext, @Param('jobId', ParseUUIDPipe) jobId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const copy = REVIEW_COPY[locale];
    const job = await this.jobs.find(staff.principal.firmId, jobId);
    if (!job) throw new ApiException(HttpStatus.NOT_FOUND, 'review.bulkNotFound');
    const running = job.status === 'running';
    return consoleReply(reply).view('staff/review/bulk-progress', {
      ...staffPage(locale, request, staff, copy.bulk.progressTitle),
      review: copy,
      refreshSeconds: running ? 2 : null,
      job: { ...job, kindLabel: copy.claim.decisionKinds[job.kind] ?? job.kind, handled: job.done + job.skipped },
      progress: fill(copy.bulk.progress, { done: won(job.done, locale), skipped: won(job.skipped, locale), total: won(job.total, locale) }),
      queueHref: `/staff/claims?${new URLSearchParams(job.filter).toString()}`,
    });
  }

  /** The case and the decision a bulk page is about; approving or rejecting needs the attorney's permission. */
  private async selection(staff: StaffRequestContext, input: Record<string, unknown>, locale: Locale): Promise<{ kase: ReviewCase; kind: Kind }> {
    const kind = input.kind;
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'kind', code: 'isIn' }]);
    if ((kind === 'approve' || kind === 'reject') && !allows(staff.principal.role, 'claims.decide')) throw new ApiException(HttpStatus.FORBIDDEN, 'staff.forbidden');
    const kase = await this.reviewCases.pick(staff, input.case, locale);
    if (!kase) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    return { kase, kind: kind as Kind };
  }

  private async requestOf(staff: StaffRequestContext, kind: Kind, form: FormBody): Promise<BulkRequest> {
    const reason = field(form, 'reason') || null;
    switch (kind) {
      case 'approve':
        return { kind, reason };
      case 'reject':
        return { kind, code: field(form, 'code'), reason };
      case 'request_information':
        return { kind, items: fieldList(form, 'items').slice(0, 50), cureBy: field(form, 'cureBy'), reason };
      case 'assign':
        return { kind, assigneeId: await assigneeOf(this.directory, staff, field(form, 'assigneeId')) };
    }
  }

  private async render(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, kase: ReviewCase, kind: Kind, input: Record<string, unknown>, extra: { errors?: FormErrors }) {
    const locale = staffLocale(request, reply);
    const copy = REVIEW_COPY[locale];
    const { filter, problems } = parseQueueFilter(input, kase.filterChoices);
    const selection = { ...filter, after: null };
    const count = problems.length ? { count: 0, capped: false } : await this.scope.run(staff.principal.firmId, (tx) => this.queue.count(tx, kase.record.id, selection, staff.principal.staffId));
    const hidden = { case: kase.record.slug, kind, ...filterQuery(selection) };
    return consoleReply(reply).view('staff/review/bulk-confirm', {
      ...staffPage(locale, request, staff, copy.bulk.confirmTitle),
      review: copy,
      errors: extra.errors ?? (problems.length ? formErrorsOf(problems, locale) : null),
      kind,
      kindLabel: copy.claim.decisionKinds[kind],
      hidden,
      filterText: Object.entries(filterQuery(selection)).map(([k, v]) => `${k}=${v}`).join(' · '),
      count: count.count,
      tooMany: count.capped || count.count > BULK_MAX,
      countText: fill(copy.bulk.count, { n: won(count.count, locale) }),
      tooManyText: fill(copy.bulk.tooMany, { max: won(BULK_MAX, locale) }),
      runText: fill(copy.bulk.run, { n: won(count.count, locale) }),
      input: { cureBy: addDays(seoulToday(), CURE_DAYS_DEFAULT), reason: '', ...Object.fromEntries(['cureBy', 'reason', 'code', 'assigneeId'].filter((k) => typeof input[k] === 'string' && input[k] !== '').map((k) => [k, input[k]])) },
      rejectionReasons: Object.keys(REJECTION_REASONS).map((code) => ({ value: code, label: copy.claim.rejectionReasons[code] ?? code })),
      requestable: kind === 'request_information' ? requestableOf(kase, locale) : [],
      reviewers: kind === 'assign' ? await this.directory.reviewers(staff.principal.firmId) : [],
      queueHref: `/staff/claims?${new URLSearchParams({ case: kase.record.slug, ...filterQuery(selection) }).toString()}`,
    });
  }
}

function requestableOf(kase: ReviewCase, locale: Locale) {
  return requestableItems(kase.record.definition).map((i) => ({ value: i.item, label: i.text[locale] }));
}
