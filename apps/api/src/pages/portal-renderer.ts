import { HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type CaseRecord, CasesService } from '@app/cases';
import { ClaimStatusQuery, field, type FormBody } from '@app/claimants';
import { ApiException, type Locale, message } from '@app/http';
import { type FormErrors, formErrors } from './form-errors';
import { layoutData } from './page-context';
import { PORTAL_COPY } from './portal-copy';
import { firmOf, portalHref, portalPage, privatePage } from './portal-page';
import { type ClaimStatusView, type StatusFormState, statusView } from './portal-status.view';

/** The claim behind a status link, with its case (for the firm, the questions and the kinds of evidence). */
export interface PortalClaim {
  status: ClaimStatusView;
  kase: CaseRecord | null;
}

/** `?case=` on a link that no longer works: a case slug, so the page can offer that case's "new link" form. */
const SLUG = /^[a-z0-9-]{2,60}$/;

/**
 * Opens the claim behind a status link for the portal's pages, and draws the status page (for
 * its own GET and for the forms on it that were refused) and the page for a link that does not
 * work (forged, expired, or replaced by a newer one).
 */
@Injectable()
export class PortalRenderer {
  constructor(
    private readonly statusQuery: ClaimStatusQuery,
    private readonly cases: CasesService,
  ) {}

  /** The claim, or null once the "this link does not work" page is drawn. */
  async open(reply: FastifyReply, token: unknown, locale: Locale, caseParam?: unknown): Promise<PortalClaim | null> {
    let status: ClaimStatusView;
    try {
      status = await this.statusQuery.byToken(token);
    } catch (error) {
      if (!isInvalidLink(error)) throw error;
      await this.invalidLink(reply, locale, caseParam);
      return null;
    }
    return { status, kase: status.case ? await this.caseOf(status.case.slug) : null };
  }

  /** 404, in the page's language, with a way to a new link when the case is known. */
  async invalidLink(reply: FastifyReply, locale: Locale, caseParam?: unknown) {
    const kase = typeof caseParam === 'string' && SLUG.test(caseParam) ? await this.caseOf(caseParam) : null;
    const copy = PORTAL_COPY[locale];
    return privatePage(reply)
      .status(404)
      .view('portal/invalid-link', {
        ...layoutData(locale, '/status', kase ? { case: kase.slug } : {}, firmOf(kase, locale), copy.invalid.title),
        portal: copy,
        message: message(locale, 'claim.statusLinkInvalid'),
        newLinkHref: kase ? `/c/${kase.slug}/status-link?lang=${locale}` : null,
      });
  }

  /** The status page, from the claim as it stands; after a refused form, with its errors beside it and what was typed. */
  status(reply: FastifyReply, claim: PortalClaim, token: string, locale: Locale, errors: FormErrors | null = null, state: StatusFormState = {}) {
    const page = portalPage(locale, '/status', token, claim.kase, PORTAL_COPY[locale].statusTitle);
    return privatePage(reply).view('status', { ...page, errors, ...statusView(claim.status, claim.kase, locale, token, state) });
  }

  /**
   * The post of a page that asks for a tick before acting (leave the suit, delete my data):
   * without the tick, the page again with the reason beside the box (400); with it, `act`, then
   * back to the status page with `notice`.
   */
  async confirmed(
    reply: FastifyReply,
    form: FormBody,
    locale: Locale,
    action: { refusal: string; notice: string; act: (token: string) => Promise<unknown>; render: (reply: FastifyReply, claim: PortalClaim, token: string, errors: FormErrors) => unknown },
  ) {
    const token = field(form, 'token');
    if (field(form, 'confirm') !== 'yes') {
      const claim = await this.open(reply, token, locale);
      if (!claim) return reply;
      const errors = formErrors(new ApiException(HttpStatus.BAD_REQUEST, 'request.validation', [{ field: 'confirm', code: action.refusal }]), locale)!;
      return action.render(reply.status(HttpStatus.BAD_REQUEST), claim, token, errors);
    }
    try {
      await action.act(token);
    } catch (error) {
      if (isInvalidLink(error)) return this.invalidLink(reply, locale);
      throw error;
    }
    return reply.redirect(portalHref('/status', token, locale, { notice: action.notice }), HttpStatus.SEE_OTHER);
  }

  private async caseOf(slug: string): Promise<CaseRecord | null> {
    return this.cases.getBySlug(slug).catch((error: unknown) => (error instanceof ApiException ? null : Promise.reject(error)));
  }
}

export function isInvalidLink(error: unknown): error is ApiException {
  return error instanceof ApiException && error.messageKey === 'claim.statusLinkInvalid';
}
