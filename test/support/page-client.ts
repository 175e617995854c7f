import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface PageReply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  /** The Location of a redirect, as a path. */
  location: string | null;
}

/**
 * The claimant pages through the whole Fastify + Nest pipeline, as a browser would use them
 * with no script: GETs and form posts from our own origin, and the cookies the pages set.
 */
export class PageClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly api: NestFastifyApplication,
    /** What a browser sends with a form post from our own page. */
    private readonly origin = 'http://claims.test',
  ) {}

  get(url: string, headers: Record<string, string> = {}): Promise<PageReply> {
    return this.send({ method: 'GET', url, headers });
  }

  /** An HTML form post (application/x-www-form-urlencoded); a list value sends the field once per item. */
  post(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<PageReply> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return this.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, 'sec-fetch-site': 'same-origin', ...headers },
      payload: body.toString(),
    });
  }

  /** An upload form post (multipart/form-data): the fields first, then the file, as the pages' forms order them. */
  async upload(url: string, fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }, headers: Record<string, string> = {}): Promise<PageReply> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const encoded = new Request('http://claims.test/', { method: 'POST', body: form });
    return this.send({
      method: 'POST',
      url,
      headers: { 'content-type': encoded.headers.get('content-type')!, origin: this.origin, 'sec-fetch-site': 'same-origin', ...headers },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  /** A JSON request from a script on our own origin, with this browser's cookies. */
  json(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<PageReply> {
    return this.send({
      method,
      url,
      headers: { accept: 'application/json', origin: this.origin, 'sec-fetch-site': 'same-origin', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  /** Follows one redirect (303 after a post), as a browser does. */
  async follow(reply: PageReply): Promise<PageReply> {
    if (!reply.location) throw new Error(`not a redirect: ${reply.status} ${reply.body.slice(0, 200)}`);
    return this.get(reply.location);
  }

  private async send(request: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload?: string | Buffer }): Promise<PageReply> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.api.inject({ ...request, headers: { ...(cookie ? { cookie } : {}), ...request.headers } });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const cleared = c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const location = typeof res.headers.location === 'string' ? res.headers.location : null;
    return { status: res.statusCode, headers: res.headers, body: res.body, location };
  }
}

/** The text of an HTML fragment, without tags (enough to find words on a page). */
export function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}
