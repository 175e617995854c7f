import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BatchesQuery, ChangeBatch, CreateBatch, decodeMemberCursor, FileBatch, LockBatch } from '@app/filing';
import { CurrentStaff, StaffCan, StaffGuard, type StaffRequestContext } from '@app/staff';
import { ApiErrors } from '../../openapi/api-error';
import { ApiAcceptLanguage } from '../../openapi/api-parameters';

const AUTH =
  'Signed in through the console (the `staff_session` cookie, `__Host-staff_session` over https); writes also carry the session\'s form token in `x-csrf-token` and come from the console\'s origin.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGNED_OUT = { description: 'Not signed in.', code: 'staff.signInRequired' };
const NO_BATCH = { description: "No such batch in the caller's firm.", code: 'batch.notFound' };
const BUSY_OR_LOCKED = { description: 'The batch is locked, or the worker is adding claims to it or locking it.', code: 'batch.busy' };

/** A JSON body's own fields only (the parser hands over what it read: anything but an object has none). */
const bodyOf = (raw: unknown): Record<string, unknown> => (raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {});

/**
 * Filing rounds as JSON, for the firm's own tools: the same use cases as the batch pages, the
 * same permissions (reading for attorneys and paralegals, changes for attorneys). No personal
 * details: the plaintiff lists and proof packs are the console's downloads, each behind a reason.
 */
@ApiTags('Staff: batches')
@ApiAcceptLanguage()
@Controller('api/staff/batches')
@UseGuards(StaffGuard)
export class BatchesApiController {
  constructor(
    private readonly query: BatchesQuery,
    private readonly createBatch: CreateBatch,
    private readonly change: ChangeBatch,
    private readonly lockBatch: LockBatch,
    private readonly fileBatch: FileBatch,
  ) {}

  @ApiOperation({ summary: "The firm's batches", description: `Each batch's number, name, status, plaintiff count and estimated total, newest first per case. ${AUTH} Attorneys and paralegals.` })
  @ApiQuery({ name: 'case', required: false, description: "A case's id: only its batches." })
  @ApiResponse({ status: HttpStatus.OK, description: '`{ batches }`.' })
  @ApiErrors({ 401: SIGNED_OUT, 403: '' })
  @Get()
  @StaffCan('batches.read')
  async list(@CurrentStaff() staff: StaffRequestContext, @Query('case') caseParam: unknown) {
    const caseId = typeof caseParam === 'string' && UUID.test(caseParam) ? caseParam.toLowerCase() : null;
    const { batches } = await this.query.list(staff.principal.firmId, caseId);
    return { batches };
  }

  @ApiOperation({
    summary: 'A batch',
    description: `The batch, its members by claim number (100 a page: pass \`next\` back as \`after\`), how many members no export includes (withdrawn or rejected since), and the worker's job on it (running, or the latest). ${AUTH} Attorneys and paralegals.`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'after', required: false, description: 'The `next` of the previous page.' })
  @ApiResponse({ status: HttpStatus.OK, description: '`{ batch, excluded, members, next, job }`.' })
  @ApiErrors({ 400: 'The id is not a UUID.', 401: SIGNED_OUT, 403: '', 404: NO_BATCH })
  @Get(':id')
  @StaffCan('batches.read')
  async detail(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Query('after') after: unknown) {
    const { batch, excluded, members, next, job } = await this.query.detail(staff.principal.firmId, id, decodeMemberCursor(after));
    return { batch, excluded, members: members.map(({ claimId, claimNumber, status, amountWon }) => ({ claimId, claimNumber, status, amountWon })), next, job };
  }

  @ApiOperation({ summary: 'Start a batch', description: `An open batch of a case, numbered after the case's last. ${AUTH} Attorneys.` })
  @ApiBody({ schema: { type: 'object', required: ['caseId', 'name'], properties: { caseId: { type: 'string', format: 'uuid' }, name: { type: 'string', maxLength: 100 } } } })
  @ApiResponse({ status: HttpStatus.CREATED, description: '`{ id, number }`.' })
  @ApiErrors({ 400: 'A field is not acceptable (`errors` names each).', 401: SIGNED_OUT, 403: '', 404: { description: 'No such case in the firm.', code: 'case.notFound' }, 413: '', 415: '' })
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @StaffCan('batches.manage')
  create(@CurrentStaff() staff: StaffRequestContext, @Body() raw: unknown) {
    const body = bodyOf(raw);
    return this.createBatch.execute({ firmId: staff.principal.firmId, staffId: staff.principal.staffId, caseId: body.caseId, name: body.name });
  }

  @ApiOperation({
    summary: 'Add approved claims',
    description:
      "Adds up to `limit` of the case's approved claims that are in no batch, oldest first. Up to 20,000 (`BATCH_ADD_IN_REQUEST`) are added before the answer (200, `{ added, amountWon }`); " +
      `more are added by the worker (202, \`{ jobId, requested }\`: follow it as the batch's \`job\`). ${AUTH} Attorneys.`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { type: 'object', required: ['limit'], properties: { limit: { type: 'integer', minimum: 1, maximum: 1_000_000 } } } })
  @ApiResponse({ status: HttpStatus.OK, description: 'Added: `{ added, amountWon }`.' })
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'Handed to the worker: `{ jobId, requested }`.' })
  @ApiErrors({ 400: 'The limit is not a whole number from 1 to 1,000,000.', 401: SIGNED_OUT, 403: '', 404: NO_BATCH, 409: BUSY_OR_LOCKED, 413: '', 415: '' })
  @Post(':id/add')
  @HttpCode(HttpStatus.OK)
  @StaffCan('batches.manage')
  async add(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() raw: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const limit = bodyOf(raw).limit;
    // The form's parser takes text; a JSON number is the same limit.
    const result = await this.change.addApproved(staff.principal.firmId, id, typeof limit === 'number' && Number.isSafeInteger(limit) ? String(limit) : limit, staff.principal.staffId);
    if ('jobId' in result) void reply.status(HttpStatus.ACCEPTED);
    return result;
  }

  @ApiOperation({
    summary: 'Lock a batch',
    description:
      'Lets go of members no longer approved, recounts, and records the SHA-256 of the plaintiff list; after it nothing is added or removed. A batch of up to 100,000 plaintiffs (`BATCH_LOCK_IN_REQUEST`) ' +
      `is locked before the answer (200, \`{ plaintiffs, released, listSha256 }\`); a larger one by the worker (202, \`{ jobId }\`). ${AUTH} Attorneys.`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: HttpStatus.OK, description: 'Locked.' })
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'Handed to the worker: `{ jobId }`.' })
  @ApiErrors({ 400: 'The id is not a UUID.', 401: SIGNED_OUT, 403: '', 404: NO_BATCH, 409: { description: 'The batch is locked already, has no plaintiffs, or has work running in the worker.', code: 'batch.notOpen' } })
  @Post(':id/lock')
  @HttpCode(HttpStatus.OK)
  @StaffCan('batches.manage')
  async lock(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.lockBatch.execute(staff.principal.firmId, id, staff.principal.staffId);
    if ('jobId' in result) void reply.status(HttpStatus.ACCEPTED);
    return result;
  }

  @ApiOperation({ summary: 'Mark a locked batch filed', description: `Once the complaint is filed: the batch's approved claims become "filed". ${AUTH} Attorneys.` })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: HttpStatus.OK, description: '`{ moved }`: how many claims became filed.' })
  @ApiErrors({ 400: 'The id is not a UUID.', 401: SIGNED_OUT, 403: '', 404: NO_BATCH, 409: { description: 'The batch is not locked.', code: 'batch.notLocked' } })
  @Post(':id/file')
  @HttpCode(HttpStatus.OK)
  @StaffCan('batches.manage')
  async file(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string) {
    const { moved } = await this.fileBatch.execute(staff.principal.firmId, id, staff.principal.staffId);
    return { moved };
  }
}
