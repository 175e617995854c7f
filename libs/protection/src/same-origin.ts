/**
 * Whether a state-changing request comes from our own pages, by the headers browsers set and
 * pages cannot forge: Fetch Metadata (`Sec-Fetch-Site`) where the browser sends it, else the
 * `Origin` header. This is the CSRF defence of the pages whose forms ride on a cookie (the
 * claim form): a cross-site form post or fetch from a victim's browser carries
 * `Sec-Fetch-Site: cross-site` or a foreign `Origin`, and is refused. A request with neither
 * header is not a browser acting for someone (browsers send Origin on every cross-origin POST),
 * so it passes; it still needs the session cookie, which only its owner's browser holds.
 * The same scheme as Go's net/http CrossOriginProtection.
 */
export function isSameOrigin(headers: { 'sec-fetch-site'?: string | string[]; origin?: string | string[] }, publicOrigin: string): boolean {
  const site = single(headers['sec-fetch-site']);
  // same-origin: our pages; none: the person typed the address or used a bookmark.
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = single(headers.origin);
  if (origin === undefined) return true;
  return origin === publicOrigin;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
