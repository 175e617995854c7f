import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toString as qrSvg } from 'qrcode';
import { field, type FormBody } from '@app/claimants';
import { AppConfig } from '@app/config';
import { SameOriginGuard } from '@app/protection';
import { homeOf, staffCookieName, staffCookieOptions, StaffInvitations } from '@app/staff';
import { formErrors } from '../pages/form-errors';
import { CONSOLE_COPY, fill } from './console-copy';
import { StaffPageExceptionFilter } from './staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from './staff-page';

/**
 * An invitation opened: choose a password, enrol an authenticator app (a QR code and the key as
 * text), confirm it with a code, and read the recovery codes once.
 */
@Controller('staff')
@UseFilters(StaffPageExceptionFilter)
export class StaffInvitationController {
  private readonly cookie: string;

  constructor(
    private readonly invitations: StaffInvitations,
    private readonly config: AppConfig,
  ) {
    this.cookie = staffCookieName(config.PUBLIC_BASE_URL);
  }

  @Get('invitation')
  async open(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    const token = (request.query as Record<string, unknown>).token;
    const person = await this.invitations.look(token);
    return consoleReply(reply).view('staff/invitation', this.invitationPage(locale, request, String(token), person));
  }

  @Post('invitation')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SameOriginGuard)
  async choosePassword(@Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    const token = field(form, 'token');
    const person = await this.invitations.look(token);
    try {
      const issued = await this.invitations.choosePassword({ link: token, password: typeof form.password === 'string' ? form.password : '', ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      void reply.setCookie(this.cookie, issued.cookie, staffCookieOptions(this.config.PUBLIC_BASE_URL));
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || (error as { status?: number }).status !== HttpStatus.BAD_REQUEST) throw error;
      return consoleReply(reply.status(HttpStatus.BAD_REQUEST)).view('staff/invitation', { ...this.invitationPage(locale, request, token, person), errors });
    }
    return consoleReply(reply).redirect(`/staff/enrol?lang=${locale}`, HttpStatus.SEE_OTHER);
  }

  @Get('enrol')
  async enrolForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = staffLocale(request, reply);
    return consoleReply(reply).view('staff/enrol', await this.enrolPage(locale, request));
  }

  @Post('enrol')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SameOriginGuard)
  async confirm(@Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const form = raw && typeof raw === 'object' ? raw : {};
    const locale = staffLocale(request, reply);
    let done;
    try {
      done = await this.invitations.confirmEnrolment({ cookie: request.cookies?.[this.cookie], code: field(form, 'code').slice(0, 20), ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
    } catch (error) {
      const errors = formErrors(error, locale);
      if (!errors || (error as { status?: number }).status !== HttpStatus.BAD_REQUEST) throw error;
      return consoleReply(reply.status(HttpStatus.BAD_REQUEST)).view('staff/enrol', { ...(await this.enrolPage(locale, request)), errors });
    }
    void reply.setCookie(this.cookie, done.cookie, staffCookieOptions(this.config.PUBLIC_BASE_URL));
    // Shown in this answer only: a reload or the back button cannot bring them up again.
    return consoleReply(reply).view('staff/recovery-codes', { ...staffPage(locale, request, null, CONSOLE_COPY[locale].invitation.codesTitle), codes: done.recoveryCodes, home: homeOf(done.role) });
  }

  private invitationPage(locale: 'ko' | 'en', request: FastifyRequest, token: string, person: { name: string; email: string }) {
    const copy = CONSOLE_COPY[locale];
    return { ...staffPage(locale, request, null, copy.invitation.title), token, email: person.email, greeting: fill(copy.invitation.greeting, person) };
  }

  private async enrolPage(locale: 'ko' | 'en', request: FastifyRequest) {
    const { secret, uri } = await this.invitations.beginEnrolment(request.cookies?.[this.cookie]);
    return {
      ...staffPage(locale, request, null, CONSOLE_COPY[locale].invitation.enrolTitle),
      secret: secret.replace(/(.{4})/g, '$1 ').trim(),
      // The SVG is the qrcode library's output for our own otpauth URI: no text of anyone's in it but the escaped address.
      qrSvg: await qrSvg(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    };
  }
}
