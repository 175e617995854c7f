import type { FastifyReply, FastifyRequest } from 'fastify';

/** The claim form's session: a signed token naming the draft (see libs/claimants drafts/draft-link.ts). */
export const DRAFT_COOKIE = 'claim_draft';

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on another site's form posts; the pages'
 * posts are checked for their origin too), Secure when the site is served over HTTPS, and only
 * for the claim form's paths.
 */
export function setDraftCookie(reply: FastifyReply, session: string, expiresAt: Date, publicBaseUrl: string): void {
  void reply.setCookie(DRAFT_COOKIE, session, {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicBaseUrl.startsWith('https:'),
    path: '/c/',
    expires: expiresAt,
  });
}

export function clearDraftCookie(reply: FastifyReply, publicBaseUrl: string): void {
  void reply.clearCookie(DRAFT_COOKIE, { httpOnly: true, sameSite: 'lax', secure: publicBaseUrl.startsWith('https:'), path: '/c/' });
}

export function draftSession(request: FastifyRequest): string | undefined {
  return request.cookies?.[DRAFT_COOKIE];
}
