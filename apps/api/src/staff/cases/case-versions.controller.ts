import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CaseVersions, DefinitionRejected, FirmCases, CasesService, type FirmCase } from '@app/cases';
import { field, isTypedText, RequestVersionPreview, RescoreProgressQuery, VersionPreviewQuery, type VersionPreviewView } from '@app/claimants';
import { ApiException, type Locale } from '@app/http';
import { CurrentStaff, StaffCan, StaffDirectory, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../../pages/form-errors';
import { CONSOLE_COPY, fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';
import { groupProblems, parseDefinition, type ProblemGroup, versionView } from './case-versions.view';
import { MultipartFormFields, readDefinitionText } from './definition-upload';

/** While a preview or a re-scoring runs, its page asks again this often (a meta refresh: no script). */
const REFRESH_SECONDS = 2;
const REASON_MAX = 500;

/**
 * A firm's cases and their versions, for its admins: upload a new definition (checked, then
 * saved as the next version or refused with every problem), preview what re-scoring under a
 * saved version would change (a job; the page follows its progress), and activate it after a
 * confirmation showing the preview's figures (which starts re-scoring).
 */
@Controller('staff/cases')
@UseGuards(MultipartFormFields, StaffGuard)
@StaffCan('cases.manage')
@UseFilters(StaffPageExceptionFilter)
export class CaseVersionsController {
  constructor(
    private readonly firmCases: FirmCases,
    private readonly cases: CasesService,
    private readonly versions: CaseVersions,
    private readonly requestPreview: RequestVersionPreview,
    private readonly previews: VersionPreviewQuery,
    private readonly rescores: RescoreProgressQuery,
    private readonly directory: StaffDirectory,
  ) {}

  @Get()
  async list(@CurrentStaff() staff: StaffRequestContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const cases = await this.firmCases.list(staff.principal.firmId);
    return consoleReply(reply).view('staff/cases/list', {
      fill, ...staffPage(locale, request, staff, copy.cases.title),
      cases: cases.map((c) => ({ slug: c.slug, title: c.versions.find((v) => v.active)?.title[locale] ?? c.versions[0]?.title[locale] ?? c.slug, activeVersion: c.activeVersion, saved: c.versions.length })),
    });
  }

  @Get(':slug')
  async show(@CurrentStaff() staff: StaffRequestContext, @Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderCase(request, reply, staff, await this.caseOf(staff, slug), {});
  }

  @Post(':slug/versions')
  @HttpCode(HttpStatus.OK)
  async upload(@CurrentStaff() staff: StaffRequestContext, @Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    // The upload is read first: a page answered before its body is read shows as a broken connection.
    const text = await readDefinitionText(request).catch((error: unknown) => error);
    const kase = await this.caseOf(staff, slug);
    try {
      if (text instanceof Error || (text !== null && typeof text !== 'string')) throw text;
      if (text === null) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'definition', code: 'caseVersion.missing' }]);
      const parsed = parseDefinition(text);
      if ('problems' in parsed) throw new DefinitionRejected(parsed.problems);
      const saved = await this.versions.save(kase.slug, parsed.definition, `staff:${staff.principal.staffId}`);
      const copy = CONSOLE_COPY[locale].cases;
      const flash = fill(saved.created ? copy.savedAs : copy.alreadySaved, { version: saved.version });
      return this.renderCase(request, reply, staff, await this.caseOf(staff, slug), { flash, savedVersion: saved.version });
    } catch (error) {
      if (error instanceof DefinitionRejected) return this.renderCase(request, reply.status(HttpStatus.UNPROCESSABLE_ENTITY), staff, kase, { problems: groupProblems(error.problems, locale) });
      const errors = formErrors(error, locale);
      if (!errors || !(error instanceof ApiException) || error.fieldErrors.length === 0) throw error;
      return this.renderCase(request, reply.status(error.status), staff, kase, { errors });
    }
  }

  @Get(':slug/versions/:version/definition')
  async download(@CurrentStaff() staff: StaffRequestContext, @Param('slug') slug: string, @Param('version') version: string, @Res() reply: FastifyReply) {
    const kase = await this.caseOf(staff, slug);
    const number = this.savedVersion(kase, version).version;
    const definition = await this.cases.definitionAt(kase.id, number);
    return consoleReply(reply)
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${kase.slug}-v${number}.json"`)
      .send(`${JSON.stringify(definition, null, 2)}\n`);
  }

  @Post(':slug/versions/:version/preview')
  async preview(@CurrentStaff() staff: StaffRequestContext, @Param('slug') slug: string, @Param('version') version: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const kase = await this.caseOf(staff, slug);
    const candidate = this.candidate(kase, version);
    const { previewId } = await this.requestPreview.execute({ firmId: staff.principal.firmId, caseId: kase.id, fromVersion: kase.activeVersion, toVersion: candidate, staffId: staff.principal.staffId });
    return consoleReply(reply).redirect(`/staff/cases/${kase.slug}/previews/${previewId}${langQuery(staffLocale(request))}`, HttpStatus.SEE_OTHER);
  }

  @Get(':slug/previews/:id')
  async showPreview(@CurrentStaff() staff: StaffRequestContext, @Param('slug') slug: string, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const kase = await this.caseOf(staff, slug);
    const preview = await this.previews.get(staff.principal.firmId, kase.id, id);
    if (!preview) throw new ApiException(HttpStatus.NOT_FOUND, 'caseVersion.previewNotFound');
    const view = previewView(preview, kase, locale);
    return consoleReply(reply).view('staff/cases/preview', {
      fill, ...staffPage(locale, request, staff, fill(copy.cases.previewTitle, { to: preview.toVersion })),
      refreshSeconds: preview.status === 'running' ? REFRESH_SECONDS : 0,
      kase: { slug: kase.slug },
      preview: view,
    });
  }

  @Get(':slug/versions/:version/activate')
  async confirm(@CurrentStaff() staff: StaffRequestContext, @Param('slug') slug: string, @Param('version') version: string, @Query('preview') previewId: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const kase = await this.caseOf(staff, slug);
    return this.renderConfirm(request, reply, staff, kase, this.candidate(kase, version), previewId, {});
  }

  @Post(':slug/versions/:version/activate')
  @HttpCode(HttpStatus.OK)
  async activate(@CurrentStaff() staff: StaffRequestContext, @Param('slug') slug: string, @Param('version') version: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const form = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const kase = await this.caseOf(staff, slug);
    const number = this.savedVersion(kase, version).version;
    const reason = field(form, 'reason');
    // Plain text only: a NUL would reach Postgres (the activation's reason) as a 500.
    if (reason.length > REASON_MAX || !isTypedText(reason)) {
      const errors = formErrors(new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'reason', code: reason.length > REASON_MAX ? 'maxLength' : 'plainText' }]), locale)!;
      return this.renderConfirm(request, reply.status(HttpStatus.BAD_REQUEST), staff, kase, number, field(form, 'preview'), { errors, reason });
    }
    const activation = await this.versions.activate(kase.slug, number, `staff:${staff.principal.staffId}`, reason || null);
    const copy = CONSOLE_COPY[locale].cases;
    const flash = fill(activation.activationId ? copy.activated : copy.alreadyActive, { to: number });
    return this.renderCase(request, reply, staff, await this.caseOf(staff, slug), { flash });
  }

  /** The firm's own case, or 404 (another firm's case is as absent as none). */
  private async caseOf(staff: StaffRequestContext, slug: string): Promise<FirmCase> {
    const kase = await this.firmCases.find(staff.principal.firmId, slug);
    if (!kase) throw new ApiException(HttpStatus.NOT_FOUND, 'case.notFound');
    return kase;
  }

  private savedVersion(kase: FirmCase, version: string) {
    const found = /^[1-9]\d{0,8}$/.test(version) ? kase.versions.find((v) => v.version === Number(version)) : undefined;
    if (!found) throw new ApiException(HttpStatus.NOT_FOUND, 'case.versionNotFound');
    return found;
  }

  /** A saved version that is not in force: what can be previewed and activated. */
  private candidate(kase: FirmCase, version: string): number {
    const found = this.savedVersion(kase, version);
    if (found.active) throw new ApiException(HttpStatus.CONFLICT, 'caseVersion.alreadyActive');
    return found.version;
  }

  private async renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffRequestContext,
    kase: FirmCase,
    extra: { flash?: string; savedVersion?: number; problems?: ProblemGroup[]; errors?: FormErrors },
  ) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const names = await this.directory.names(staff.principal.firmId);
    // Re-scoring progress exists only once the case has a version in force.
    const runs = kase.activeVersion === null ? [] : (await this.rescores.list(kase.slug)).slice(0, 5);
    const previews = (await this.previews.latest(staff.principal.firmId, kase.id, 5)).map((p) => previewView(p, kase, locale));
    const running = runs.some((r) => r.status === 'running') || previews.some((p) => p.running);
    const title = kase.versions.find((v) => v.active)?.title[locale] ?? kase.slug;
    return consoleReply(reply).view('staff/cases/case', {
      fill, ...staffPage(locale, request, staff, `${copy.cases.title} · ${title}`),
      refreshSeconds: running && !extra.problems && !extra.errors ? REFRESH_SECONDS * 2 : 0,
      flash: extra.flash ?? null,
      errors: extra.errors ?? null,
      problems: extra.problems ?? null,
      problemCount: extra.problems?.reduce((n, g) => n + g.problems.length, 0) ?? 0,
      kase: { slug: kase.slug, title, activeVersion: kase.activeVersion },
      versions: kase.versions.map((v) => ({ ...versionView(v, names, locale), saved: v.version === extra.savedVersion })),
      runs: runs.map((r) => ({ ...r, stateLabel: copy.cases.runStates[r.status] ?? r.status, started: stamp(r.startedAt) })),
      previews,
    });
  }

  private async renderConfirm(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, kase: FirmCase, to: number, previewId: unknown, extra: { errors?: FormErrors; reason?: string }) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const asked = typeof previewId === 'string' && /^[0-9a-f-]{36}$/i.test(previewId) ? await this.previews.get(staff.principal.firmId, kase.id, previewId) : null;
    // Only a finished preview of this very change stands for it.
    const preview = asked && asked.status === 'done' && asked.toVersion === to && asked.fromVersion === kase.activeVersion ? previewView(asked, kase, locale) : null;
    return consoleReply(reply).view('staff/cases/activate', {
      fill, ...staffPage(locale, request, staff, fill(copy.cases.confirmTitle, { to })),
      errors: extra.errors ?? null,
      kase: { slug: kase.slug },
      from: kase.activeVersion ?? copy.cases.noneInForce,
      to,
      preview,
      reason: extra.reason ?? '',
    });
  }
}

function langQuery(locale: Locale): string {
  return `?lang=${locale}`;
}

function stamp(at: Date): string {
  // Seoul time, as the firm works in it.
  return new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function previewView(p: VersionPreviewView, kase: FirmCase, locale: Locale) {
  const copy = CONSOLE_COPY[locale].cases;
  const money = (won: number) => fill(copy.won, { amount: won.toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-US') });
  const verdicts = Object.keys(copy.verdicts);
  return {
    id: p.id,
    from: p.fromVersion ?? copy.noneInForce,
    to: p.toVersion,
    running: p.status === 'running',
    total: p.total,
    done: p.done,
    percent: p.total ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0,
    requested: stamp(p.createdAt),
    // The version in force moved since: the figures describe another change.
    outdated: p.fromVersion !== kase.activeVersion,
    activatable: p.status === 'done' && p.fromVersion === kase.activeVersion && kase.activeVersion !== p.toVersion,
    tally: p.tally,
    totalBefore: money(p.tally.totalBeforeWon),
    totalAfter: money(p.tally.totalAfterWon),
    matrix: verdicts.map((from) => ({ from, label: copy.verdicts[from], cells: verdicts.map((to) => ({ to, n: p.tally.verdicts[from as keyof typeof p.tally.verdicts][to as keyof typeof p.tally.verdicts] })) })),
    verdictLabels: verdicts.map((v) => copy.verdicts[v]),
  };
}
