import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditedExports } from '@app/audit';
import { DashboardQuery, field, type FirmCase, type FormBody, isTypedText, parseWeek, seoulDate, seoulWeekStart, addDays, WeeklyReportQuery, weeklyReportRows, type WeeklyFigures } from '@app/claimants';
import { ApiException, type Locale } from '@app/http';
import { CurrentStaff, StaffCan, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../../pages/form-errors';
import { CONSOLE_COPY, fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';
import { csvCell } from './csv-cell';
import { chartView, count, summaryView, won } from './dashboard-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dashboard (claims over time, the funnel, counts and money) and the weekly report for
 * counsel, per case. Counts only: nobody's details, so no access-log records; the report's
 * download is still recorded with its reason, as every download is.
 */
@Controller('staff/dashboard')
@UseGuards(StaffGuard)
@StaffCan('dashboard.read')
@UseFilters(StaffPageExceptionFilter)
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardQuery,
    private readonly weekly: WeeklyReportQuery,
    private readonly exports: AuditedExports,
  ) {}

  @Get()
  async show(@CurrentStaff() staff: StaffRequestContext, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const { cases, current } = await this.pickCase(staff, query.case);
    const base = { ...staffPage(locale, request, staff, copy.dashboard.title), cases: this.caseOptions(cases, current, locale) };
    if (!current) return consoleReply(reply).view('staff/dashboard/index', { ...base, current: null, noCases: true });
    const firmId = staff.principal.firmId;
    const summary = await this.dashboard.summary(firmId, current.id);
    const overTime = await this.dashboard.overTime(firmId, current.id);
    return consoleReply(reply).view('staff/dashboard/index', {
      ...base,
      noCases: false,
      current: { id: current.id, title: current.title[locale] },
      summary: summaryView(summary, copy.dashboard),
      perDay: chartView(overTime.perDay, 'day', copy.dashboard.perDayTitle),
      perHour: chartView(overTime.perHour, 'hour', copy.dashboard.perHourTitle),
      weeklyHref: `/staff/dashboard/weekly?case=${current.id}&week=${seoulDate(seoulWeekStart(new Date()))}`,
    });
  }

  @Get('weekly')
  async weeklyReport(@CurrentStaff() staff: StaffRequestContext, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      const { current, monday } = await this.reportTarget(staff, query.case, query.week);
      return await this.renderWeekly(request, reply, staff, current, monday, {});
    } catch (error) {
      // A week that is not a Monday: this week's report, with the problem beside the week field.
      if (!(error instanceof ApiException) || error.fieldErrors[0]?.field !== 'week') throw error;
      const { current, monday } = await this.reportTarget(staff, query.case, '');
      return this.renderWeekly(request, reply.status(error.status), staff, current, monday, { errors: formErrors(error, staffLocale(request))! });
    }
  }

  @Post('weekly/download')
  @HttpCode(HttpStatus.OK)
  async download(@CurrentStaff() staff: StaffRequestContext, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const { current, monday } = await this.reportTarget(staff, field(form, 'case'), field(form, 'week'));
    const reason = field(form, 'reason');
    // Plain text only: a NUL would reach Postgres (export_records.reason) as a 500.
    if (reason === '' || reason.length > 500 || !isTypedText(reason)) {
      const error = new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'reason', code: reason === '' ? 'isNotEmpty' : reason.length > 500 ? 'maxLength' : 'plainText' }]);
      return this.renderWeekly(request, reply.status(HttpStatus.BAD_REQUEST), staff, current, monday, { errors: formErrors(error, locale)!, reason: reason.slice(0, 500) });
    }
    const firmId = staff.principal.firmId;
    const exportId = await this.exports.start(firmId, { staffId: staff.principal.staffId, kind: 'weekly-report', reason });
    const figures = await this.weekly.report(firmId, current.id, monday);
    const rows = weeklyReportRows(figures, this.words(locale));
    await this.exports.finish(firmId, exportId, rows.length - 1);
    const csv = stringify(rows.map((r) => r.map(csvCell)), { bom: true, record_delimiter: 'windows' });
    return consoleReply(reply)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="weekly-report-${current.slug}-${seoulDate(monday)}.csv"`)
      .send(csv);
  }

  private async renderWeekly(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, current: FirmCase, monday: Date, extra: { errors?: FormErrors; reason?: string }) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const w = copy.dashboard.weekly;
    const figures: WeeklyFigures = await this.weekly.report(staff.principal.firmId, current.id, monday);
    const status = (s: string | null) => (s ? (copy.dashboard.statuses[s] ?? s) : '');
    return consoleReply(reply).view('staff/dashboard/weekly', {
      ...staffPage(locale, request, staff, `${w.title} · ${current.title[locale]}`),
      current: { id: current.id, title: current.title[locale] },
      week: seoulDate(monday),
      period: fill(w.period, { from: seoulDate(monday), to: seoulDate(addDays(monday, 6)) }),
      previousWeek: seoulDate(addDays(monday, -7)),
      nextWeek: seoulDate(addDays(monday, 7)),
      perDay: figures.perDay.map((d) => ({ date: seoulDate(d.start), count: count(d.count) })),
      newClaims: count(figures.newClaims),
      statusChanges: figures.statusChanges.map((c) => ({ from: status(c.from), to: status(c.to), count: count(c.claims) })),
      decisions: figures.decisions.map((d) => ({ kind: d.kind, label: w.kinds[d.kind] ?? d.kind, count: count(d.decisions) })),
      deficiencyNotices: count(figures.deficiencyNotices),
      open: Object.entries(figures.open).map(([key, value]) => ({ key, label: w.open[key] ?? key, count: count(value) })),
      total: count(figures.total),
      estimateWon: won(figures.estimateWon),
      errors: extra.errors ?? null,
      reason: extra.reason ?? '',
    });
  }

  /** The case asked for (by id), or the firm's first; a case of another firm is "not found". */
  private async pickCase(staff: StaffRequestContext, asked: unknown): Promise<{ cases: FirmCase[]; current: FirmCase | null }> {
    const cases = await this.dashboard.cases(staff.principal.firmId);
    const id = typeof asked === 'string' ? asked.trim() : '';
    if (id === '') return { cases, current: cases[0] ?? null };
    const current = UUID.test(id) ? cases.find((c) => c.id === id.toLowerCase()) : undefined;
    if (!current) throw new ApiException(HttpStatus.NOT_FOUND, 'dashboard.caseNotFound');
    return { cases, current };
  }

  private async reportTarget(staff: StaffRequestContext, caseId: unknown, week: unknown): Promise<{ current: FirmCase; monday: Date }> {
    const { current } = await this.pickCase(staff, caseId);
    if (!current) throw new ApiException(HttpStatus.NOT_FOUND, 'dashboard.noCases');
    const text = typeof week === 'string' ? week.trim() : '';
    const monday = text === '' ? seoulWeekStart(new Date()) : parseWeek(text);
    if (!monday) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'week', code: 'mondayDate' }]);
    return { current, monday };
  }

  private caseOptions(cases: FirmCase[], current: FirmCase | null, locale: Locale) {
    return cases.map((c) => ({ id: c.id, label: c.title[locale] || c.slug, selected: c.id === current?.id }));
  }

  private words(locale: Locale) {
    const copy = CONSOLE_COPY[locale].dashboard;
    const w = copy.weekly;
    return {
      section: w.section, item: w.item, value: w.value, week: w.week, newClaims: w.newClaims, weekTotal: w.weekTotal, statusChanges: w.statusChanges,
      decisions: w.decisions, deficiencyNotices: w.deficiencyNotices, sent: w.sent, openItems: w.openItems, totals: w.totals, claims: w.allClaims, estimate: w.estimate,
      status: (s: string) => copy.statuses[s] ?? s,
      decision: (k: string) => w.kinds[k] ?? k,
      open: (k: string) => w.open[k] ?? k,
    };
  }
}
