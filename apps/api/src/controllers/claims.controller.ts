import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Ip, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClaimStatusQuery, CureClaim, CureClaimDto, MyDataQuery, SubmitClaim, SubmitClaimDto, WithdrawClaim, WithdrawClaimDto } from '@app/claimants';
import { ApiException, message, negotiateLocale, requireObjectBody, validateBody } from '@app/http';
import { IpLimitGuard, ProtectedWriteGuard } from '@app/protection';
import { ApiErrors } from '../openapi/api-error';
import { ApiAcceptLanguage, ApiCaseSlug, ApiIdempotencyKey, ApiProofOfWork, ApiStatusToken } from '../openapi/api-parameters';
import { ClaimCreatedBody, ClaimStatusBody, CureResultBody, MyDataBody, WithdrawResultBody } from '../openapi/claim.responses';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

@ApiTags('Claims')
@ApiAcceptLanguage()
@Controller('api')
export class ClaimsController {
  constructor(
    private readonly submitClaim: SubmitClaim,
    private readonly statusQuery: ClaimStatusQuery,
    private readonly cureClaim: CureClaim,
    private readonly withdrawClaim: WithdrawClaim,
    private readonly myData: MyDataQuery,
  ) {}

  @ApiOperation({
    summary: 'Submit a claim',
    description:
      'Files a claim in the case: the claimant, the answers to the case\'s questionnaire, the consents and the signed mandate, with the emailProof of the email-code step. ' +
      'Everything is checked before anything is stored, and every problem is reported in one 400: the fields, the answers against the case\'s active questionnaire, ' +
      'the consents and mandate version against the case, the signature against the signer\'s name. The claim is written in one statement (claimant, claim, consents, ' +
      'signature record, outbox); the checks, the estimate and the receipt email follow in the worker.\n\n' +
      'Guards: a proof of work in `x-altcha`; rate limits per network (before the body is read), per email, per mobile and per case. ' +
      'Send an `Idempotency-Key` to retry safely. A second claim for the same email in the case is a 409, and the existing claimant is emailed.',
  })
  @ApiCaseSlug()
  @ApiProofOfWork()
  @ApiIdempotencyKey()
  @ApiHeader({ name: 'user-agent', required: false, description: 'Recorded with the signature.' })
  @ApiBody({ type: SubmitClaimDto, description: 'The claim. Unknown fields are refused.' })
  @ApiResponse({
    status: HttpStatus.CREATED,
    description: 'The claim is taken in (status submitted), or, for a repeated Idempotency-Key with the same body, the claim it took in before.',
    type: ClaimCreatedBody,
    headers: { 'idempotent-replayed': { description: '`true` when an earlier request with the same Idempotency-Key created the claim.', schema: { type: 'string', enum: ['true'] } } },
  })
  @ApiErrors({
    400:
      'Every problem in one answer (`request.validation`, each field in `errors`): the form, the answers, the consents, the mandate version, the signature. ' +
      'Also: no or a foreign `emailProof` (`claim.emailProofRequired`), a malformed `Idempotency-Key` (`request.invalidIdempotencyKey`), ' +
      'a missing or spent proof of work (`request.proofOfWorkRequired`, `request.proofOfWorkInvalid`), a body that is not a JSON object.',
    404: { description: 'No such case (`case.notFound`).', code: 'case.notFound' },
    409: {
      description:
        'This email already has a claim in the case (`claim.alreadyExists`; its claimant is emailed a status link); the case is not taking claims (`case.intakeClosed`); ' +
        "or the case's form changed while it was filled in (`case.versionChanged`): reload the case and submit again.",
      code: 'claim.alreadyExists',
    },
    413: '',
    415: '',
    422: { description: 'The Idempotency-Key was used for a different body (`request.idempotencyKeyReused`).', code: 'request.idempotencyKeyReused' },
    429: 'Over a rate limit: per network, per email, per mobile or per case.',
    503: '',
  })
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
  @ApiOperation({
    summary: "The claimant's view of their claim",
    description:
      'What the status page shows: the status, the timeline, the evidence sent, and the latest assessment (verdict, reasons, what is missing and by when, the estimate). ' +
      'Only what is about the claimant\'s own claim: staff-only signals and every trace of them are left out, and there is no personal data. ' +
      'Guard: the status link\'s signed token; a newer link ends the older ones.',
  })
  @ApiStatusToken()
  @ApiResponse({ status: HttpStatus.OK, type: ClaimStatusBody, description: 'The claim as the claimant may see it.' })
  @ApiErrors({ 404: { description: 'The token is forged, expired or replaced by a newer link (`claim.statusLinkInvalid`).', code: 'claim.statusLinkInvalid' }, 503: '' })
  @Get('claims/status')
  async status(@Query('token') token: unknown) {
    return this.statusQuery.byToken(token);
  }

  /** The claimant answers what a deficiency notice asked for, with the token of their status link. */
  @ApiOperation({
    summary: 'Answer what the claim is missing',
    description:
      'For a claim in needs_information: the new answers are merged with the earlier ones and checked together against the case\'s active questionnaire; ' +
      'the claim goes back to submitted with a new facts version and is assessed again (earlier assessments stay as history). ' +
      'Guards: the status link\'s token in the body; the per-network rate limit.',
  })
  @ApiResponse({ status: HttpStatus.OK, type: CureResultBody, description: 'Taken; the claim is assessed again.' })
  @ApiErrors({
    400: 'The answers do not fit the questionnaire, or name a question it does not ask (each in `errors`); or the body is not a JSON object.',
    404: { description: 'The token is forged, expired or replaced (`claim.statusLinkInvalid`).', code: 'claim.statusLinkInvalid' },
    409: { description: 'The claim is not waiting for information (`claim.notAwaitingInformation`), or its case is gone (`case.intakeClosed`).', code: 'claim.notAwaitingInformation' },
    413: '',
    415: '',
    429: 'Over the per-network rate limit.',
    503: '',
  })
  @Post('claims/cure')
  @HttpCode(HttpStatus.OK)
  @UseGuards(IpLimitGuard)
  async cure(@Body() body: CureClaimDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const result = await this.cureClaim.execute(body);
    return { ...result, message: message(negotiateLocale(acceptLanguage), 'claim.cured') };
  }

  /** The claimant leaves the suit (their data stays until its retention ends or they ask for deletion). */
  @ApiOperation({
    summary: 'Leave the suit',
    description:
      'Moves the claim to withdrawn and emails one confirmation. Leaving is not deleting: the data stays until its retention ends or its deletion is asked for. ' +
      'Asking again answers the same and sends nothing more. Guards: the status link\'s token in the body, `confirm: true`; the per-network rate limit.',
  })
  @ApiResponse({ status: HttpStatus.OK, type: WithdrawResultBody, description: 'Withdrawn (now or before).' })
  @ApiErrors({
    400: '`confirm` is not true, the token is not a string, or the body is not a JSON object.',
    404: { description: 'The token is forged, expired or replaced (`claim.statusLinkInvalid`).', code: 'claim.statusLinkInvalid' },
    409: { description: 'The claim is closed and cannot be withdrawn (`claim.cannotWithdraw`).', code: 'claim.cannotWithdraw' },
    413: '',
    415: '',
    429: 'Over the per-network rate limit.',
    503: '',
  })
  @Post('claims/withdraw')
  @HttpCode(HttpStatus.OK)
  @UseGuards(IpLimitGuard)
  async withdraw(@Body() body: WithdrawClaimDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    const result = await this.withdrawClaim.execute(body);
    return { ...result, message: message(negotiateLocale(acceptLanguage), 'claim.withdrawn') };
  }

  /** The claimant's own data, as a JSON file (PIPA's right of access); the read is access-logged. */
  @ApiOperation({
    summary: "Download the claimant's own data",
    description:
      "The claimant's copy of their data (PIPA's right of access), as a JSON file: what they gave, the consents and the signature record with the hashes of the texts they saw, " +
      'and how the claim was assessed; staff-only signals left out. Opening the personal fields is written to the access log as the claimant\'s own read. ' +
      'Guards: the status link\'s token; the per-network rate limit.',
  })
  @ApiStatusToken()
  @ApiResponse({
    status: HttpStatus.OK,
    type: MyDataBody,
    description: 'The data, as an attachment.',
    headers: { 'content-disposition': { description: 'attachment; filename="claim-<claim number>.json"', schema: { type: 'string' } } },
  })
  @ApiErrors({
    404: { description: 'The token is forged, expired or replaced (`claim.statusLinkInvalid`).', code: 'claim.statusLinkInvalid' },
    429: 'Over the per-network rate limit.',
    503: '',
  })
  @Get('claims/my-data')
  @UseGuards(IpLimitGuard)
  async download(@Query('token') token: unknown, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = await this.myData.byToken(token, ip);
    void reply.header('content-disposition', `attachment; filename="claim-${data.claimNumber}.json"`);
    return data;
  }
}
