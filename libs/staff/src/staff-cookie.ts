/**
 * The staff session cookie: HttpOnly, SameSite=Strict (never sent on a request another site
 * starts, links included), for the whole origin (the console's pages and its JSON API). Served
 * over HTTPS it is Secure and carries the __Host- prefix, which a browser only accepts from this
 * host, Secure, for path / and without a Domain: a sibling subdomain cannot plant one.
 */
export function staffCookieName(publicBaseUrl: string): string {
  return publicBaseUrl.startsWith('https:') ? '__Host-staff_session' : 'staff_session';
}

export function staffCookieOptions(publicBaseUrl: string) {
  // No expiry: a session cookie, gone when the browser closes; the server ends it sooner (idle, hours).
  return { httpOnly: true, sameSite: 'strict' as const, secure: publicBaseUrl.startsWith('https:'), path: '/' };
}
