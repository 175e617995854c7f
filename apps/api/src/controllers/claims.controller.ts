import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Ip, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClaimStatusQuery, CureClaim, CureClaimDto, MyDataQuery, SubmitClaim, SubmitClaimDto, WithdrawClaim, WithdrawClaimDto } from '@app/claimants';
import { ApiException, message, negotiateLocale, requireObjectBody, validateBody } from '@app/http';
import { IpLimitGuard, ProtectedWriteGuard } from '@app/protection';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

@Controller('api')
export class ClaimsController {
  constructor(
    private readonly submitClaim: SubmitClaim,
    private readonly statusQuery: ClaimStatusQuery,
    private readonly cureClaim: CureClaim,
    private readonly withdrawClaim: WithdrawClaim,
    private readonly myData: MyDataQuery,
  ) {}

  @Post('cases/:slug/claims')
  @HttpCode(HttpStatus.CREATED)
  @UseGuards(ProtectedWriteGuard)
  async submit(
    @Param('slug') slug: string,
    // Validated here rather than by the global pipe, so that the case's own checks (its
    // questionnaire, consents and mandate) are reported in the same answer as the form's.
    @Body() raw: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'request.invalidIdempotencyKey', [{ field: 'Idempotency-Key', code: 'format' }]);
    }
    const { instance: body, errors } = await validateBody(SubmitClaimDto, requireObjectBody(raw));
    const result = await this.submitClaim.execute({
      caseSlug: slug,
      body,
      inputErrors: errors,
      idempotencyKey: idempotencyKey ?? null,
      locale: negotiateLocale(acceptLanguage),
      ip,
      userAgent: userAgent ?? '',
    });
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return { claimId: result.claimId, claimNumber: result.claimNumber, status: result.status };
  }

  /** The claimant's status, behind the signed link from their email. */
  @Get('claims/status')
  async status(@Query('token') token: unknown) {
    return this.statusQuery.byToken(token);
  }

  /** The claimant answers what a deficiency notice asked for, with the token of their status link. */
  @Post('claims/cure')
  @HttpCode(HttpStatus.OK)
  @UseGuards(IpLimitGuard)
  async cure(@Body() body: CureClaimDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const result = await this.cureClaim.execute(body);
    return { ...result, message: message(negotiateLocale(acceptLanguage), 'claim.cured') };
  }

  /** The claimant leaves the suit (their data stays until its retention ends or they ask for deletion). */
  @Post('claims/withdraw')
  @HttpCode(HttpStatus.OK)
  @UseGuards(IpLimitGuard)
  async withdraw(@Body() body: WithdrawClaimDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const result = await this.withdrawClaim.execute(body);
    return { ...result, message: message(negotiateLocale(acceptLanguage), 'claim.withdrawn') };
  }

  /** The claimant's own data, as a JSON file (PIPA's right of access); the read is access-logged. */
  @Get('claims/my-data')
  @UseGuards(IpLimitGuard)
  async download(@Query('token') token: unknown, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = await this.myData.byToken(token, ip);
    void reply.header('content-disposition', `attachment; filename="claim-${data.claimNumber}.json"`);
    return data;
  }
}
