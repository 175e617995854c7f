import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Ip, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClaimStatusQuery, SubmitClaim, SubmitClaimDto } from '@app/claimants';
import { ApiException, negotiateLocale } from '@app/http';
import { ProtectedWriteGuard } from '@app/protection';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

@Controller('api')
export class ClaimsController {
  constructor(
    private readonly submitClaim: SubmitClaim,
    private readonly statusQuery: ClaimStatusQuery,
  ) {}

  @Post('cases/:slug/claims')
  @HttpCode(HttpStatus.CREATED)
  @UseGuards(ProtectedWriteGuard)
  async submit(
    @Param('slug') slug: string,
    @Body() body: SubmitClaimDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'request.invalidIdempotencyKey', [{ field: 'Idempotency-Key', code: 'format' }]);
    }
    const result = await this.submitClaim.execute({
      caseSlug: slug,
      body,
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
}
