import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, type FormBody } from '@app/claimants';
import { BatchesQuery, ChangeBatch, CreateBatch, decodeMemberCursor, FileBatch, type FilingBatch, LockBatch } from '@app/filing';
import { ApiException } from '@app/http';
import { allows, CurrentStaff, StaffCan, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../../pages/form-errors';
import { CONSOLE_COPY, fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';
import { jobView } from './batch-job.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const won = (n: number) => new Intl.NumberFormat('ko-KR').format(n);
const day = (d: Date | null) => (d ? new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10) : '');
const formOf = (raw: FormBody) => (raw && typeof raw === 'object' ? raw : {});

/**
 * Filing rounds: the list per case with a form to start one, and a batch's page (its members by
 * claim number, add approved claims, take one out, lock, mark filed, the downloads). Reading is
 * for attorneys and paralegals; every change is an attorney's (batches.manage). No personal
 * details on these pages: those are in the exports, behind a reason.
 */
@Controller('staff/batches')
@UseGuards(StaffGuard)
@UseFilters(StaffPageExceptionFilter)
export class BatchesController {
  constructor(
    private readonly query: BatchesQuery,
    private readonly createBatch: CreateBatch,
    private readonly change: ChangeBatch,
    private readonly lockBatch: LockBatch,
    private readonly fileBatch: FileBatch,
  ) {}

  @Get()
  @StaffCan('batches.read')
  async list(@CurrentStaff() staff: StaffRequestContext, @Query('case') caseParam: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderList(request, reply, staff, typeof caseParam === 'string' && UUID.test(caseParam) ? caseParam.toLowerCase() : null, {});
  }

  @Post()
  @StaffCan('batches.manage')
  @HttpCode(HttpStatus.OK)
  async create(@CurrentStaff() staff: StaffRequestContext, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = formOf(raw);
    const locale = staffLocale(request, reply);
    const input = { caseId: field(form, 'caseId'), name: field(form, 'name') };
    try {
      const { id } = await this.createBatch.execute({ firmId: staff.principal.firmId, staffId: staff.principal.staffId, ...input });
      return consoleReply(reply).redirect(`/staff/batches/${id}?lang=${locale}`, HttpStatus.SEE_OTHER);
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || !(error instanceof ApiException) || error.fieldErrors.length === 0) throw error;
      return this.renderList(request, reply.status(error.status), staff, null, { errors, input });
    }
  }

  @Get(':id')
  @StaffCan('batches.read')
  async show(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Query('after') after: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderBatch(request, reply, staff, id, { after: decodeMemberCursor(after) });
  }

  @Post(':id/add')
  @StaffCan('batches.manage')
  @HttpCode(HttpStatus.OK)
  async add(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const limit = field(formOf(raw), 'limit');
    try {
      const result = await this.change.addApproved(staff.principal.firmId, id, limit, staff.principal.staffId);
      const copy = CONSOLE_COPY[locale].batches;
      const flash = 'jobId' in result ? fill(copy.addQueued, { n: won(result.requested) }) : fill(copy.added, { n: won(result.added) });
      return this.renderBatch(request, reply, staff, id, { flash });
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || !(error instanceof ApiException) || error.fieldErrors.length === 0) throw error;
      return this.renderBatch(request, reply.status(error.status), staff, id, { errors, limit });
    }
  }

  @Post(':id/claims/:claimId/remove')
  @StaffCan('batches.manage')
  @HttpCode(HttpStatus.OK)
  async remove(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('claimId', ParseUUIDPipe) claimId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.change.remove(staff.principal.firmId, id, claimId);
    return this.renderBatch(request, reply, staff, id, { flash: CONSOLE_COPY[staffLocale(request, reply)].batches.removed });
  }

  @Post(':id/lock')
  @StaffCan('batches.manage')
  @HttpCode(HttpStatus.OK)
  async lock(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const done = await this.lockBatch.execute(staff.principal.firmId, id, staff.principal.staffId);
    const copy = CONSOLE_COPY[staffLocale(request, reply)].batches;
    const flash = 'jobId' in done ? copy.lockQueued : fill(copy.locked, { n: won(done.plaintiffs), released: won(done.released) });
    return this.renderBatch(request, reply, staff, id, { flash });
  }

  @Post(':id/file')
  @StaffCan('batches.manage')
  @HttpCode(HttpStatus.OK)
  async file(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const done = await this.fileBatch.execute(staff.principal.firmId, id, staff.principal.staffId);
    return this.renderBatch(request, reply, staff, id, { flash: fill(CONSOLE_COPY[staffLocale(request, reply)].batches.filed, { n: won(done.moved) }) });
  }

  private async renderList(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, caseId: string | null, extra: { errors?: FormErrors; input?: Record<string, string> }) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const { cases, batches } = await this.query.list(staff.principal.firmId, caseId);
    const caseTitle = (id: string) => {
      const c = cases.find((k) => k.id === id);
      return c ? (locale === 'ko' ? c.titleKo : c.titleEn) : '';
    };
    return consoleReply(reply).view('staff/batches/list', {
      ...staffPage(locale, request, staff, copy.batches.title),
      cases: cases.map((c) => ({ id: c.id, title: locale === 'ko' ? c.titleKo : c.titleEn, selected: c.id === caseId })),
      batches: batches.map((b) => ({ ...this.batchView(b, locale), caseTitle: caseTitle(b.caseId) })),
      canManage: allows(staff.principal.role, 'batches.manage'),
      errors: extra.errors ?? null,
      input: extra.input ?? { caseId: caseId ?? cases[0]?.id ?? '', name: '' },
    });
  }

  private async renderBatch(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, id: string, extra: { flash?: string; errors?: FormErrors; limit?: string; after?: ReturnType<typeof decodeMemberCursor> }) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const detail = await this.query.detail(staff.principal.firmId, id, extra.after ?? null);
    const b = this.batchView(detail.batch, locale);
    const job = detail.job && jobView(detail.job, copy.batches, locale);
    return consoleReply(reply).view('staff/batches/detail', {
      ...staffPage(locale, request, staff, fill(copy.batches.batchTitle, { number: b.number, name: b.name })),
      batch: b,
      job,
      refreshSeconds: job?.running ? 3 : 0,
      excluded: detail.excluded,
      excludedText: fill(copy.batches.excluded, { n: won(detail.excluded) }),
      members: detail.members.map((m) => ({ ...m, amount: won(m.amountWon), statusLabel: copy.dashboard.statuses[m.status] ?? m.status })),
      next: detail.next ? `/staff/batches/${b.id}?after=${detail.next}&lang=${locale}` : null,
      exports: detail.exports.map((e) => ({ kindLabel: copy.batches.kinds[e.kind], reason: e.reason, rows: e.rows === null ? copy.batches.unfinished : won(e.rows), at: e.createdAt.toISOString(), staffId: e.staffId })),
      kinds: (['plaintiffs-csv', 'plaintiffs-xlsx', 'proof-pack'] as const).map((k) => ({ kind: k, label: copy.batches.kinds[k], href: `/staff/batches/${b.id}/export/${k}`, available: k === 'proof-pack' || b.status !== 'open' })),
      canManage: allows(staff.principal.role, 'batches.manage'),
      flash: extra.flash ?? null,
      errors: extra.errors ?? null,
      limit: extra.limit ?? '1000',
    });
  }

  private batchView(b: FilingBatch, locale: 'ko' | 'en') {
    const copy = CONSOLE_COPY[locale].batches;
    return { ...b, statusLabel: copy.statuses[b.status], plaintiffsText: won(b.plaintiffs), estimateText: won(b.estimateWon), created: day(b.createdAt), href: `/staff/batches/${b.id}` };
  }
}
