import { Body, Controller, Get, HttpStatus, Ip, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClaimantEvidence, DraftAccess, type FormBody } from '@app/claimants';
import { ApiException } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import { draftSession } from '../pages/draft-cookie';
import { formErrors, renameField } from '../pages/form-errors';
import { withLang } from '../pages/join-page';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { discardUpload, readUploadForm, uploadError } from '../pages/upload-form';
import { JoinStepRenderer } from '../pages/join-step-renderer';

/**
 * Uploads to the claim form's evidence step: one file per form post (streamed; the type is
 * decided by its bytes, images are stripped of EXIF and GPS, everything is stored encrypted),
 * taken back while the form is a draft, and shown back as thumbnails read through the API.
 */
@Controller('c/:slug/join/evidence/files')
@UseFilters(PageExceptionFilter)
export class JoinEvidenceController {
  constructor(
    private readonly evidence: ClaimantEvidence,
    private readonly drafts: DraftAccess,
    private readonly steps: JoinStepRenderer,
  ) {}

  @Post()
  @UseGuards(SameOriginGuard, IpLimitGuard)
  async upload(@Param('slug') slug: string, @Ip() ip: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const session = draftSession(request);
    const upload = await readUploadForm(request).catch((error: unknown) => ({ error: uploadError(error) }));
    const fields = 'fields' in upload ? upload.fields : {};
    const locale = pageLocale(fields.lang, request.headers['accept-language']);
    try {
      if ('error' in upload) throw upload.error;
      const kind = fields.kind ?? '';
      // The draft and the kind are checked before a byte of the file is read; refused, the rest is read and dropped.
      await this.evidence.toDraft({ session, caseSlug: slug, kind, file: upload.file, ip }).catch((error: unknown) => {
        discardUpload(upload.file);
        throw uploadError(error);
      });
      return reply.redirect(withLang(`/c/${slug}/join/evidence`, locale, { notice: 'uploaded' }), HttpStatus.SEE_OTHER);
    } catch (error) {
      if (!(error instanceof ApiException) || error.fieldErrors.length === 0) throw error;
      const opened = await this.drafts.open(session, slug);
      // Each kind has its own upload form: the error goes beside the one that was used.
      const kind = fields.kind ?? '';
      return this.steps.render(reply.status(error.status), opened, 'evidence', locale, { kind }, renameField(formErrors(error, locale)!, 'file', `file-${kind}`));
    }
  }

  @Post(':id/remove')
  @UseGuards(SameOriginGuard)
  async remove(@Param('slug') slug: string, @Param('id') id: string, @Body() form: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const locale = pageLocale(form?.lang, request.headers['accept-language']);
    const removed = await this.evidence.removeFromDraft(draftSession(request), slug, id);
    if (!removed) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    return reply.redirect(withLang(`/c/${slug}/join/evidence`, locale, { notice: 'removed' }), HttpStatus.SEE_OTHER);
  }

  @Get(':id/thumbnail')
  async thumbnail(@Param('slug') slug: string, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const image = await this.evidence.draftThumbnail(draftSession(request), slug, id);
    if (!image) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    // Someone's document: never cached by anything between us and them.
    return reply.header('cache-control', 'private, no-store').type('image/jpeg').send(image);
  }
}
