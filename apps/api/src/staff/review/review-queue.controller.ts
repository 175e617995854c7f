import { Controller, Get, HttpStatus, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLAIM_STATUSES, COUNT_CAP, filterQuery, parseQueueFilter, QUEUE_SORTS, type QueueFilter, ReviewQueue } from '@app/claimants';
import { FirmScope } from '@app/database';
import { VERDICTS } from '@app/eligibility';
import { ApiException, type Locale } from '@app/http';
import { allows, CurrentStaff, StaffCan, StaffDirectory, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors } from '../../pages/form-errors';
import { CONSOLE_COPY, fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';
import { REVIEW_COPY } from './review-copy';
import { ReviewCases, seoulTime, won } from './review-context';

/** The review queue: a case's claims, filtered, sorted and paged by keyset, with counts. */
@Controller('staff/claims')
@UseGuards(StaffGuard)
@UseFilters(StaffPageExceptionFilter)
export class ReviewQueueController {
  constructor(
    private readonly scope: FirmScope,
    private readonly queue: ReviewQueue,
    private readonly reviewCases: ReviewCases,
    private readonly directory: StaffDirectory,
  ) {}

  @Get()
  @StaffCan('claims.read')
  async list(@CurrentStaff() staff: StaffRequestContext, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const copy = REVIEW_COPY[locale];
    const kase = await this.reviewCases.pick(staff, query?.case, locale);
    const base = staffPage(locale, request, staff, copy.queue.title);
    if (!kase) return consoleReply(reply).view('staff/review/queue', { ...base, review: copy, kase: null });
    const { filter, problems } = parseQueueFilter(query ?? {}, kase.filterChoices);
    const firmId = staff.principal.firmId;
    const staffId = staff.principal.staffId;
    const { page, count, totals } = await this.scope.run(firmId, async (tx) => {
      const page = await this.queue.page(tx, kase.record.id, filter, staffId);
      const count = await this.queue.count(tx, kase.record.id, filter, staffId);
      const totals = await this.queue.caseCounts(tx, kase.record.id);
      return { page, count, totals };
    });
    const reviewers = await this.directory.reviewers(firmId);
    const names = new Map(reviewers.map((r) => [r.id, r.name]));
    const labels = CONSOLE_COPY[locale].dashboard;
    const link = (overrides: Partial<Record<keyof QueueFilter, string | null>>) => `/staff/claims?${new URLSearchParams({ case: kase.record.slug, ...filterQuery(filter, overrides) }).toString()}`;
    const errors = problems.length ? formErrorsOf(problems, locale) : null;
    return consoleReply(reply.status(problems.length ? 400 : 200)).view('staff/review/queue', {
      ...base,
      errors,
      review: copy,
      kase: { slug: kase.record.slug, choices: kase.choices },
      filter: { ...filter, after: null },
      options: {
        statuses: [{ value: 'open', label: copy.queue.open }, ...CLAIM_STATUSES.map((s) => ({ value: s, label: labels.statuses[s] ?? s }))],
        verdicts: VERDICTS.map((v) => ({ value: v, label: labels.verdicts[v] ?? v })),
        flags: [{ value: 'any', label: copy.queue.flagAny }, { value: 'result-changed', label: copy.queue.flagChanged }, ...kase.filterChoices.flags.map((f) => ({ value: f, label: f }))],
        tiers: kase.filterChoices.tiers.map((t) => ({ value: t, label: t })),
        assignees: [{ value: 'me', label: copy.queue.me }, { value: 'none', label: copy.queue.none }, ...reviewers.map((r) => ({ value: r.id, label: r.name }))],
        sorts: QUEUE_SORTS.map((s) => ({ value: s, label: copy.queue.sorts[s] })),
      },
      rows: page.rows.map((r) => ({
        ...r,
        statusLabel: labels.statuses[r.status] ?? r.status,
        verdictLabel: r.verdict ? (labels.verdicts[r.verdict] ?? r.verdict) : labels.verdicts[''],
        amount: won(r.estimateWon, locale),
        received: seoulTime(r.createdAt),
        assignee: r.assigneeId ? (names.get(r.assigneeId) ?? '') : '',
        flagged: r.openFlags > 0 || r.flags.length > 0,
      })),
      matching: fill(count.capped ? copy.queue.matchingCapped : copy.queue.matching, { n: won(count.count, locale) }),
      totals: fill(copy.queue.totals, { total: won(totals.total, locale), approved: won((totals.byStatus.approved ?? 0) + (totals.byStatus.filed ?? 0), locale), flagged: won(totals.flagged, locale), won: won(totals.estimateWon, locale) }),
      nextHref: page.next ? `${link({})}&after=${encodeURIComponent(page.next)}` : null,
      firstHref: filter.after ? link({}) : null,
      clearHref: `/staff/claims?case=${encodeURIComponent(kase.record.slug)}`,
      bulk: {
        kinds: [
          ...(allows(staff.principal.role, 'claims.decide') ? [{ value: 'approve', label: copy.claim.approve }, { value: 'reject', label: copy.claim.reject }] : []),
          { value: 'request_information', label: copy.claim.requestInfo },
          { value: 'assign', label: copy.claim.assign },
        ],
        hidden: { case: kase.record.slug, ...filterQuery(filter) },
        available: count.count > 0 && !count.capped && count.count <= COUNT_CAP,
      },
    });
  }
}

/** The filter's problems as the form shows them: the same rendering as any refused form. */
export function formErrorsOf(problems: { field: string; code: string }[], locale: Locale) {
  return formErrors(new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems), locale);
}
