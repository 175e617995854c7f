import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, type FormBody } from '@app/claimants';
import { AppConfig } from '@app/config';
import { ApiException } from '@app/http';
import { CurrentStaff, isStaffRole, STAFF_ROLES, StaffCan, StaffDirectory, StaffGuard, InviteStaff, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../pages/form-errors';
import { CONSOLE_COPY, fill } from './console-copy';
import { StaffPageExceptionFilter } from './staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from './staff-page';

/** A firm's staff accounts, for its admins: invite, change a role, reset a lost second factor, disable. */
@Controller('staff/accounts')
@UseGuards(StaffGuard)
@StaffCan('accounts.manage')
@UseFilters(StaffPageExceptionFilter)
export class StaffAccountsController {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly invite: InviteStaff,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@CurrentStaff() staff: StaffRequestContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.render(request, reply, staff, {});
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  async create(@CurrentStaff() staff: StaffRequestContext, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const input = { name: field(form, 'name'), email: field(form, 'email'), role: field(form, 'role') };
    try {
      const { link } = await this.invite.execute({ firmId: staff.principal.firmId, ...input, by: staff.principal.staffId });
      return this.render(request, reply, staff, { link, flash: fill(CONSOLE_COPY[locale].accounts.invited, { name: input.name, hours: this.config.STAFF_INVITATION_HOURS }) });
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || !(error instanceof ApiException) || error.fieldErrors.length === 0) throw error;
      return this.render(request, reply.status(error.status), staff, { errors, input });
    }
  }

  @Post(':id/role')
  @HttpCode(HttpStatus.OK)
  async changeRole(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const role = field(raw && typeof raw === 'object' ? raw : {}, 'role');
    if (!isStaffRole(role)) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'role', code: 'isIn' }]);
    await this.directory.changeRole(staff.principal, id, role);
    return this.render(request, reply, staff, { flash: CONSOLE_COPY[staffLocale(request)].accounts.roleChanged });
  }

  @Post(':id/reset')
  @HttpCode(HttpStatus.OK)
  async reset(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { link } = await this.directory.reset(staff.principal, id);
    const name = (await this.directory.names(staff.principal.firmId)).get(id) ?? '';
    return this.render(request, reply, staff, { link, flash: fill(CONSOLE_COPY[staffLocale(request)].accounts.resetDone, { name }) });
  }

  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  async disable(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.directory.disable(staff.principal, id);
    return this.render(request, reply, staff, { flash: CONSOLE_COPY[staffLocale(request)].accounts.disabled });
  }

  private async render(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, extra: { link?: string; flash?: string; errors?: FormErrors; input?: Record<string, string> }) {
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const accounts = await this.directory.list(staff.principal.firmId);
    return consoleReply(reply).view('staff/accounts', {
      ...staffPage(locale, request, staff, copy.accounts.title),
      accounts: accounts.map((a) => ({ ...a, roleLabel: copy.roles[a.role], stateLabel: copy.accounts.states[a.state], created: a.createdAt.toISOString().slice(0, 10), self: a.id === staff.principal.staffId })),
      roles: STAFF_ROLES.map((r) => ({ value: r, label: copy.roles[r] })),
      link: extra.link ?? null,
      flash: extra.flash ?? null,
      errors: extra.errors ?? null,
      input: extra.input ?? { name: '', email: '', role: 'paralegal' },
    });
  }
}
