import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ClaimFileQuery, DecideClaim, parseDecisionBody, parseQueueFilter, ReviewQueue } from '@app/claimants';
import { FirmScope } from '@app/database';
import { ApiException, negotiateLocale } from '@app/http';
import { allows, CurrentStaff, StaffCan, StaffDirectory, StaffGuard, type StaffRequestContext } from '@app/staff';
import { ApiErrors } from '../../openapi/api-error';
import { ApiAcceptLanguage } from '../../openapi/api-parameters';
import { assigneeOf } from './claim-file.controller';
import { ReviewCases, staffAccessor } from './review-context';

const AUTH =
  'Signed in through the console (the `staff_session` cookie, `__Host-staff_session` over https); writes also carry the session\'s form token in `x-csrf-token` and come from the console\'s origin.';

/**
 * The review queue, a claim's file and decisions as JSON, for the firm's own tools. The same use
 * cases as the console's pages, the same permissions, the same access log.
 */
@ApiTags('Staff: review')
@ApiAcceptLanguage()
@Controller('api/staff/claims')
@UseGuards(StaffGuard)
export class StaffClaimsApiController {
  constructor(
    private readonly scope: FirmScope,
    private readonly queue: ReviewQueue,
    private readonly reviewCases: ReviewCases,
    private readonly files: ClaimFileQuery,
    private readonly decide: DecideClaim,
    private readonly directory: StaffDirectory,
  ) {}

  @ApiOperation({
    summary: 'A page of the review queue',
    description: `A case's claims (no personal data), filtered and sorted as the console's queue, 50 a page: pass \`next\` back as \`after\` for the following page. \`count\` is exact up to 10,000 (\`capped\` beyond). ${AUTH} Attorneys and paralegals.`,
  })
  @ApiQuery({ name: 'case', required: false, description: "The case's slug; the firm's first case if absent." })
  @ApiQuery({ name: 'status', required: false, description: 'A status, or `open` for every status a person still acts on.' })
  @ApiQuery({ name: 'verdict', required: false })
  @ApiQuery({ name: 'flag', required: false, description: '`any`, `result-changed` or a staff-only rule id.' })
  @ApiQuery({ name: 'tier', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, Seoul.' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, Seoul.' })
  @ApiQuery({ name: 'assignee', required: false, description: '`me`, `none` or a staff id.' })
  @ApiQuery({ name: 'q', required: false, description: 'A claim number, an email address or a mobile number.' })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'after', required: false, description: 'The `next` of the previous page.' })
  @ApiResponse({ status: HttpStatus.OK, description: '`{ rows, next, count, capped }`.' })
  @ApiErrors({ 400: 'A filter field is not acceptable (`errors` names each).', 401: { description: 'Not signed in.', code: 'staff.signInRequired' }, 403: '', 404: { description: 'No such case in the firm.', code: 'case.notFound' } })
  @Get()
  @StaffCan('claims.read')
  async list(@CurrentStaff() staff: StaffRequestContext, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest) {
    const kase = await this.reviewCases.pick(staff, query?.case, negotiateLocale(request.headers['accept-language']));
    if (!kase) return { rows: [], next: null, count: 0, capped: false };
    const { filter, problems } = parseQueueFilter(query ?? {}, kase.filterChoices);
    if (problems.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems);
    return this.scope.run(staff.principal.firmId, async (tx) => {
      const page = await this.queue.page(tx, kase.record.id, filter, staff.principal.staffId);
      const count = await this.queue.count(tx, kase.record.id, filter, staff.principal.staffId);
      return { ...page, ...count };
    });
  }

  @ApiOperation({
    summary: "A claim's file",
    description: `Everything a reviewer sees of one claim: the claimant's details, answers, each rule's result and reason, the estimate's lines, flags, evidence (its files at the console's \`/staff/claims/{id}/evidence/{fileId}/original\`), the signature and consent records, emails, decisions, notes and the timeline. Each read is written to the access log under the caller's name. ${AUTH} Attorneys and paralegals.`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The file.' })
  @ApiErrors({ 400: 'The id is not a UUID.', 401: { description: 'Not signed in.', code: 'staff.signInRequired' }, 403: '', 404: { description: "No such claim in the caller's firm.", code: 'claim.notFound' } })
  @Get(':id')
  @StaffCan('claims.read')
  async file(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest) {
    const file = await this.files.open(staff.principal.firmId, id, staffAccessor(staff, request, 'claim review (API)'));
    if (!file) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.notFound');
    return file;
  }

  @ApiOperation({
    summary: 'Decide on a claim',
    description:
      '`{ "kind": "approve" | "reject" | "request_information" | "override_estimate" | "assign" | "resolve_flags", ... }` with the decision\'s fields: ' +
      '`reason` (text, required to override and for a rejection coded `other`), `code` (a rejection reason), `items` and `cureBy` (what to ask for, by when: 7 to 90 days out), ' +
      "`amountWon` (within the case's bounds and rounding step), `assigneeId` (a reviewer's id, or null). The claimant is emailed in their language. " +
      `Approving, rejecting and overriding are for attorneys; the rest for attorneys and paralegals. ${AUTH}`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ description: 'The decision.', schema: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, reason: { type: 'string' }, code: { type: 'string' }, items: { type: 'array', items: { type: 'string' } }, cureBy: { type: 'string', format: 'date' }, amountWon: { type: 'integer' }, assigneeId: { type: 'string', format: 'uuid', nullable: true } } } })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'Decided.' })
  @ApiErrors({
    400: 'A field is not acceptable (`errors` names each); nothing was written.',
    401: { description: 'Not signed in.', code: 'staff.signInRequired' },
    403: 'The role may not make this decision, or the form token is missing.',
    404: { description: "No such claim in the caller's firm.", code: 'claim.notFound' },
    409: { description: 'The claim cannot take this decision in its present state.', code: 'review.notDecidable' },
    413: '',
    415: '',
  })
  @Post(':id/decisions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @StaffCan('claims.review')
  async decision(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: unknown) {
    const { request, problems } = parseDecisionBody(body);
    if (!request) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', problems);
    const decides = request.kind === 'approve' || request.kind === 'reject' || request.kind === 'override_estimate';
    if (decides && !allows(staff.principal.role, 'claims.decide')) throw new ApiException(HttpStatus.FORBIDDEN, 'staff.forbidden');
    const decision = request.kind === 'assign' ? { ...request, assigneeId: request.assigneeId === null ? null : await assigneeOf(this.directory, staff, request.assigneeId) } : request;
    await this.decide.execute(staff.principal, id, decision);
  }
}
