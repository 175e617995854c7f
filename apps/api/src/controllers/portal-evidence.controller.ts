import { Controller, Get, HttpStatus, Ip, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClaimantEvidence } from '@app/claimants';
import { ApiException } from '@app/http';
import { IpLimitGuard, SameOriginGuard } from '@app/protection';
import { formErrors, renameField } from '../pages/form-errors';
import { pageLocale } from '../pages/page-context';
import { PageExceptionFilter } from '../pages/page-exception.filter';
import { portalHref, privatePage } from '../pages/portal-page';
import { isInvalidLink, PortalRenderer } from '../pages/portal-renderer';
import { MORE_FILE_FIELD } from '../pages/portal-status.view';
import { readStatusUpload } from '../pages/portal-upload';
import { discardUpload, uploadError } from '../pages/upload-form';

/**
 * Evidence sent to a filed claim from its status page: one file per post, the kind and the
 * claim checked before any byte is read, then taken in as the claim form's uploads are. A new
 * fact: the claim is assessed again (one waiting for information goes back to be checked).
 * A refused file comes back on the status page, its reason beside the form that sent it.
 */
@Controller('status/evidence')
@UseFilters(PageExceptionFilter)
export class PortalEvidenceController {
  constructor(
    private readonly evidence: ClaimantEvidence,
    private readonly portal: PortalRenderer,
  ) {}

  @Post()
  @UseGuards(SameOriginGuard, IpLimitGuard)
  async upload(@Ip() ip: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    // A form that cannot be read at all names no claim: the error page says what went wrong.
    const { fields, file } = await readStatusUpload(request);
    const locale = pageLocale(fields.lang, request.headers['accept-language']);
    const token = fields.token ?? '';
    const kind = fields.kind ?? '';
    try {
      if (!file) throw new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'file', code: 'isDefined' }]);
      // The claim and the kind are checked before a byte of the file is read; refused, the rest is read and dropped.
      await this.evidence.toClaim({ token, kind, file, ip }).catch((error: unknown) => {
        discardUpload(file);
        throw uploadError(error);
      });
      return reply.redirect(portalHref('/status', token, locale, { notice: 'uploaded' }), HttpStatus.SEE_OTHER);
    } catch (error) {
      if (isInvalidLink(error)) return this.portal.invalidLink(reply, locale);
      if (!(error instanceof ApiException) || error.status >= 500 || error.status === HttpStatus.TOO_MANY_REQUESTS) throw error;
      const claim = await this.portal.open(reply, token, locale);
      if (!claim) return reply;
      // Each kind asked for has its own form, and the general one its own: the reason goes beside the one used.
      const fromMore = fields.from === 'more';
      let errors = renameField(formErrors(error, locale)!, 'file', fromMore ? MORE_FILE_FIELD : `file-${kind}`);
      if (!fromMore) errors = renameField(errors, 'kind', `file-${kind}`);
      return this.portal.status(reply.status(error.status), claim, token, locale, errors, { moreKind: fromMore ? kind : undefined });
    }
  }

  @Get(':id/thumbnail')
  async thumbnail(@Param('id') id: string, @Query('token') token: unknown, @Res() reply: FastifyReply) {
    const image = await this.evidence.claimThumbnail(token, id);
    if (!image) throw new ApiException(HttpStatus.NOT_FOUND, 'request.notFound');
    // Someone's document: never cached by anything between us and them.
    return privatePage(reply).header('cache-control', 'private, no-store').type('image/jpeg').send(image);
  }
}
