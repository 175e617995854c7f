import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, type FormBody } from '@app/claimants';
import { AppConfig } from '@app/config';
import { SameOriginGuard } from '@app/protection';
import { CurrentStaff, homeOf, SIGNED_IN, SignIn, StaffCan, staffCookieName, staffCookieOptions, StaffGuard, type StaffRequestContext, StaffSessions } from '@app/staff';
import { formErrors } from '../pages/form-errors';
import { CONSOLE_COPY, fill } from './console-copy';
import { StaffPageExceptionFilter } from './staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from './staff-page';

/** Where to go after signing in: a console page the form carried along, else the role's home. */
function nextPage(next: string, fallback: string): string {
  return /^\/staff\/[A-Za-z0-9/_-]*$/.test(next) && !next.startsWith('/staff/sign-in') ? next : fallback;
}

/**
 * Signing in, in two steps (password, then the authenticator's code or a recovery code), and
 * signing out here or everywhere. A wrong password, an unknown address and a locked account
 * read the same.
 */
@Controller('staff')
@UseFilters(StaffPageExceptionFilter)
export class StaffSignInController {
  private readonly cookie: string;

  constructor(
    private readonly signIn: SignIn,
    private readonly sessions: StaffSessions,
    private readonly config: AppConfig,
  ) {
    this.cookie = staffCookieName(config.PUBLIC_BASE_URL);
  }

  /** The console's front door: the role's home, or the sign-in form (401) for nobody. */
  @Get()
  @UseGuards(StaffGuard)
  @StaffCan(SIGNED_IN)
  home(@CurrentStaff() staff: StaffRequestContext, @Res() reply: FastifyReply) {
    return consoleReply(reply).redirect(homeOf(staff.principal.role), HttpStatus.SEE_OTHER);
  }

  @Get('sign-in')
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const query = request.query as Record<string, unknown>;
    const copy = CONSOLE_COPY[locale];
    const flash = query.out === 'everywhere' ? copy.signIn.signedOutEverywhere : query.out === '1' ? copy.signIn.signedOut : null;
    return consoleReply(reply).view('staff/sign-in', { ...staffPage(locale, request, null, copy.signIn.title), email: '', next: typeof query.next === 'string' ? query.next : '', flash });
  }

  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SameOriginGuard)
  async password(@Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const email = field(form, 'email').slice(0, 254);
    const next = field(form, 'next');
    try {
      const issued = await this.signIn.password({ email, password: typeof form.password === 'string' ? form.password : '', ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      void reply.setCookie(this.cookie, issued.cookie, staffCookieOptions(this.config.PUBLIC_BASE_URL));
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || (error as { status?: number }).status !== HttpStatus.UNAUTHORIZED) throw error;
      return consoleReply(reply.status(HttpStatus.UNAUTHORIZED)).view('staff/sign-in', { ...staffPage(locale, request, null, CONSOLE_COPY[locale].signIn.title), email, next, errors });
    }
    return consoleReply(reply).redirect(`/staff/sign-in/code?${new URLSearchParams({ lang: locale, ...(next ? { next } : {}) }).toString()}`, HttpStatus.SEE_OTHER);
  }

  @Get('sign-in/code')
  codeForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const next = (request.query as Record<string, unknown>).next;
    return consoleReply(reply).view('staff/code', { ...staffPage(locale, request, null, CONSOLE_COPY[locale].signIn.codeTitle), next: typeof next === 'string' ? next : '' });
  }

  @Post('sign-in/code')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SameOriginGuard)
  async code(@Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    const next = field(form, 'next');
    let done;
    try {
      done = await this.signIn.secondFactor({ cookie: request.cookies?.[this.cookie], code: field(form, 'code').slice(0, 40), ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || (error as { messageKey?: string }).messageKey !== 'staff.codeRefused') throw error;
      return consoleReply(reply.status(HttpStatus.UNAUTHORIZED)).view('staff/code', { ...staffPage(locale, request, null, copy.signIn.codeTitle), next, errors });
    }
    void reply.setCookie(this.cookie, done.cookie, staffCookieOptions(this.config.PUBLIC_BASE_URL));
    const target = nextPage(next, homeOf(done.role));
    if (done.usedRecoveryCode) {
      return consoleReply(reply).view('staff/notice', { ...staffPage(locale, request, null, copy.signIn.codeTitle), message: fill(copy.signIn.recoveryUsed, { n: done.recoveryCodesLeft }), href: target });
    }
    return consoleReply(reply).redirect(target, HttpStatus.SEE_OTHER);
  }

  @Post('sign-out')
  @HttpCode(HttpStatus.OK)
  @UseGuards(StaffGuard)
  @StaffCan(SIGNED_IN)
  async signOut(@CurrentStaff() staff: StaffRequestContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.sessions.revoke(staff.principal);
    void reply.clearCookie(this.cookie, staffCookieOptions(this.config.PUBLIC_BASE_URL));
    return consoleReply(reply).redirect(`/staff/sign-in?out=1&lang=${staffLocale(request)}`, HttpStatus.SEE_OTHER);
  }

  @Post('sign-out-everywhere')
  @HttpCode(HttpStatus.OK)
  @UseGuards(StaffGuard)
  @StaffCan(SIGNED_IN)
  async signOutEverywhere(@CurrentStaff() staff: StaffRequestContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.sessions.revokeAll(staff.principal);
    void reply.clearCookie(this.cookie, staffCookieOptions(this.config.PUBLIC_BASE_URL));
    return consoleReply(reply).redirect(`/staff/sign-in?out=everywhere&lang=${staffLocale(request)}`, HttpStatus.SEE_OTHER);
  }
}
