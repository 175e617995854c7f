import type { Dispatcher, Pool } from 'undici';
import { AppConfig } from '@app/config';
import { BENCH_ACCEPT_LANGUAGE, BENCH_USER_AGENT } from './claim-body';

export interface PageAnswer {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  /** The body as it came over the wire (the API compresses nothing, but see content-encoding). */
  body: Buffer;
  /** The Location of a redirect, as a path and query. */
  location: string | null;
}

/** What a browser sends with a form post from our own page (the origin the API was told it is served from). */
const SAME_ORIGIN = { origin: new URL(new AppConfig().PUBLIC_BASE_URL).origin, 'sec-fetch-site': 'same-origin' };

/**
 * One person's browser against the running API, over real HTTP (a shared undici pool): GETs and
 * form posts from our own origin as test/support/page-client.ts makes them, the cookies the
 * pages set, and the person's own address forwarded by the proxy the API trusts.
 */
export class ClaimantBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly http: Pool,
    /** The person's address, as the trusted proxy forwards it (X-Forwarded-For). */
    readonly address: string,
  ) {}

  get(path: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
    return this.send('GET', path, headers);
  }

  /** An HTML form post (urlencoded); a list value sends the field once per item. */
  post(path: string, fields: Record<string, string | string[]>): Promise<PageAnswer> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return this.send('POST', path, { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, body.toString());
  }

  /** An upload form post, its multipart body encoded beforehand (see evidence-image.ts). */
  upload(path: string, multipart: { contentType: string; body: Buffer }): Promise<PageAnswer> {
    return this.send('POST', path, { 'content-type': multipart.contentType, ...SAME_ORIGIN }, multipart.body);
  }

  /** Follows a redirect, as a browser does after a 303. */
  follow(answer: PageAnswer): Promise<PageAnswer> {
    if (!answer.location) throw new Error(`not a redirect: ${describe(answer)}`);
    return this.get(answer.location);
  }

  private async send(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string | Buffer): Promise<PageAnswer> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.http.request({
      method,
      path,
      headers: {
        'user-agent': BENCH_USER_AGENT,
        'accept-language': BENCH_ACCEPT_LANGUAGE,
        'x-forwarded-for': this.address,
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      body,
    });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    for (const line of [res.headers['set-cookie'] ?? []].flat()) this.keepCookie(line);
    const location = typeof res.headers.location === 'string' ? res.headers.location : null;
    return { status: res.statusCode, headers: res.headers, body: bytes, location };
  }

  private keepCookie(line: string): void {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq < 1) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k, v = ''] = a.trim().split('=');
      return (/^max-age$/i.test(k) && Number(v) <= 0) || (/^expires$/i.test(k) && Date.parse(v) < Date.now());
    });
    if (value === '' || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** "303 -> /c/x/join" or "400: <the start of the page's text>", for error reports. */
export function describe(answer: PageAnswer): string {
  if (answer.location) return `${answer.status} -> ${answer.location}`;
  const html = answer.body.toString('utf8');
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  const text = main.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return `${answer.status}: ${text.slice(0, 300)}`;
}
