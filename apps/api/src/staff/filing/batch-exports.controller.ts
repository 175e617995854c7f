import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, type FormBody } from '@app/claimants';
import { attachment, BatchesQuery, type Download, ExportPlaintiffList, ExportProofPack } from '@app/filing';
import { ApiException } from '@app/http';
import { CurrentStaff, StaffCan, StaffGuard, type StaffRequestContext } from '@app/staff';
import { formErrors, type FormErrors } from '../../pages/form-errors';
import { CONSOLE_COPY, fill } from '../console-copy';
import { StaffPageExceptionFilter } from '../staff-page-exception.filter';
import { consoleReply, staffLocale, staffPage } from '../staff-page';

type Kind = 'plaintiffs-csv' | 'plaintiffs-xlsx' | 'proof-pack';
const KINDS: readonly Kind[] = ['plaintiffs-csv', 'plaintiffs-xlsx', 'proof-pack'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const kindOf = (raw: string): Kind => {
  if (!(KINDS as readonly string[]).includes(raw)) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
  return raw as Kind;
};

/**
 * Downloads of personal data: a page asking for the reason, and its POST, which records the
 * export and streams the file (CSV, XLSX or ZIP) straight to the response. Exports are an
 * attorney's (batches.manage): a paralegal sees the batch but does not take a million people's
 * details home. A refused reason is the form again with the field's message, and nothing recorded.
 */
@Controller('staff/batches')
@UseGuards(StaffGuard)
@StaffCan('batches.manage')
@UseFilters(StaffPageExceptionFilter)
export class BatchExportsController {
  constructor(
    private readonly plaintiffList: ExportPlaintiffList,
    private readonly proofPack: ExportProofPack,
    private readonly batches: BatchesQuery,
  ) {}

  @Get(':id/export/:kind')
  async form(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('kind') kind: string, @Query('claim') claim: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const k = kindOf(kind);
    const claimId = k === 'proof-pack' && typeof claim === 'string' && UUID.test(claim) ? claim.toLowerCase() : null;
    if (!(await this.batches.exists(staff.principal.firmId, id))) throw new ApiException(HttpStatus.NOT_FOUND, 'batch.notFound');
    return this.renderForm(request, reply, staff, `/staff/batches/${id}/export/${k}`, k, claimId, {});
  }

  @Post(':id/export/:kind')
  @HttpCode(HttpStatus.OK)
  async download(@CurrentStaff() staff: StaffRequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('kind') kind: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const k = kindOf(kind);
    const form = raw && typeof raw === 'object' ? raw : {};
    const reason = field(form, 'reason');
    const claim = field(form, 'claimId');
    const claimId = k === 'proof-pack' && UUID.test(claim) ? claim.toLowerCase() : null;
    const base = { firmId: staff.principal.firmId, staffId: staff.principal.staffId, ip: request.ip ?? null, reason };
    return this.send(request, reply, staff, `/staff/batches/${id}/export/${k}`, k, claimId, () =>
      k === 'proof-pack'
        ? this.proofPack.start({ ...base, batchId: claimId ? null : id, claimId })
        : this.plaintiffList.start({ ...base, batchId: id, format: k === 'plaintiffs-csv' ? 'csv' : 'xlsx' }),
    );
  }

  /** One plaintiff's pack by claim id, from anywhere in the console (the claim need not be in a batch). */
  @Get('claims/:claimId/proof-pack')
  async claimForm(@CurrentStaff() staff: StaffRequestContext, @Param('claimId', ParseUUIDPipe) claimId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderForm(request, reply, staff, `/staff/batches/claims/${claimId}/proof-pack`, 'proof-pack', claimId, {});
  }

  @Post('claims/:claimId/proof-pack')
  @HttpCode(HttpStatus.OK)
  async claimDownload(@CurrentStaff() staff: StaffRequestContext, @Param('claimId', ParseUUIDPipe) claimId: string, @Body() raw: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const reason = field(raw && typeof raw === 'object' ? raw : {}, 'reason');
    return this.send(request, reply, staff, `/staff/batches/claims/${claimId}/proof-pack`, 'proof-pack', claimId, () =>
      this.proofPack.start({ firmId: staff.principal.firmId, staffId: staff.principal.staffId, ip: request.ip ?? null, reason, batchId: null, claimId }),
    );
  }

  private async send(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, action: string, kind: Kind, claimId: string | null, start: () => Promise<Download>) {
    let download: Download;
    try {
      download = await start();
    } catch (error) {
      const errors = formErrors(error, staffLocale(request, reply));
      if (!errors || !(error instanceof ApiException) || error.fieldErrors.length === 0) throw error;
      return this.renderForm(request, reply.status(error.status), staff, action, kind, claimId, { errors });
    }
    return consoleReply(reply)
      .header('content-type', download.contentType)
      .header('content-disposition', attachment(download.fileName, download.asciiName))
      .header('x-content-type-options', 'nosniff')
      .send(download.stream);
  }

  /** The reason form; a pack for one plaintiff names their claim, which must be the firm's. */
  private async renderForm(request: FastifyRequest, reply: FastifyReply, staff: StaffRequestContext, action: string, kind: Kind, claimId: string | null, extra: { errors?: FormErrors }) {
    const claimNumber = claimId ? await this.batches.claimNumber(staff.principal.firmId, claimId) : null;
    if (claimId && !claimNumber) throw new ApiException(HttpStatus.NOT_FOUND, 'claim.notFound');
    const locale = staffLocale(request, reply);
    const copy = CONSOLE_COPY[locale];
    return consoleReply(reply).view('staff/batches/export', {
      ...staffPage(locale, request, staff, fill(copy.batches.exportTitle, { kind: copy.batches.kinds[kind] })),
      action,
      claimId,
      forClaim: claimNumber ? fill(copy.batches.forClaim, { claimNumber }) : null,
      errors: extra.errors ?? null,
    });
  }
}
