import { gunzipSync, gzipSync, brotliDecompressSync, inflateSync } from 'node:zlib';
import { type ClaimantBrowser, describe, type PageAnswer } from './claimant-browser';

/** What a browser says it accepts; whatever the API answers with is decoded for the gzip column. */
const ACCEPT_ENCODING = { 'accept-encoding': 'gzip, deflate, br' };

type Kind = 'html' | 'css' | 'js' | 'image';

interface Resource {
  kind: Kind;
  url: string;
  /** Bytes of the body as the API sent it. */
  sentBytes: number;
  /** The same body gzipped at level 6 (what a CDN in front would send). */
  gzipBytes: number;
  encoding: string | null;
}

export interface PageWeight {
  page: string;
  path: string;
  status: number;
  resources: Resource[];
}

/**
 * A page as a first visit loads it: the HTML, then every stylesheet, script and image it links
 * (`<link rel=stylesheet href>`, `<script src>`, `<img src>`), each fetched once with the person's
 * cookies. Sizes are of bodies (headers left out).
 */
export async function weighPage(browser: ClaimantBrowser, page: string, path: string, answer?: PageAnswer): Promise<PageWeight> {
  const html = answer ?? (await browser.get(path, ACCEPT_ENCODING));
  const resources: Resource[] = [];
  const weigh = (kind: Kind, url: string, a: PageAnswer): Resource => {
    const encoding = typeof a.headers['content-encoding'] === 'string' ? a.headers['content-encoding'] : null;
    const plain = decode(a.body, encoding);
    return { kind, url, sentBytes: a.body.length, gzipBytes: gzipSync(plain, { level: 6 }).length, encoding };
  };
  resources.push(weigh('html', path, html));
  if (html.status !== 200) return { page, path, status: html.status, resources };
  const seen = new Set<string>();
  for (const ref of linkedResources(decode(html.body, resources[0].encoding).toString('utf8'))) {
    const url = new URL(ref.url, `http://bench${path}`);
    const key = `${url.pathname}${url.search}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = await browser.get(key, ACCEPT_ENCODING);
    if (a.status !== 200) throw new Error(`${page}: ${ref.kind} ${key} answered ${describe(a)}`);
    resources.push(weigh(ref.kind, key, a));
  }
  return { page, path, status: html.status, resources };
}

/** The stylesheets, scripts and images an HTML page links, in document order. */
export function linkedResources(html: string): { kind: Kind; url: string }[] {
  const found: { kind: Kind; url: string; at: number }[] = [];
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = (m: RegExpExecArray | null) => (m ? unescapeHtml(m[1] ?? m[2] ?? m[3] ?? '') : null);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = value(attr(m[0], 'rel'))?.toLowerCase().split(/\s+/) ?? [];
    const href = value(attr(m[0], 'href'));
    if (rel.includes('stylesheet') && href) found.push({ kind: 'css', url: href, at: m.index });
  }
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = value(attr(m[0], 'src'));
    if (src) found.push({ kind: 'js', url: src, at: m.index });
  }
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = value(attr(m[0], 'src'));
    if (src) found.push({ kind: 'image', url: src, at: m.index });
  }
  return found.sort((a, b) => a.at - b.at).map(({ kind, url }) => ({ kind, url }));
}

function unescapeHtml(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function decode(body: Buffer, encoding: string | null): Buffer {
  switch (encoding) {
    case null:
    case 'identity':
      return body;
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      throw new Error(`unknown content-encoding ${encoding}`);
  }
}

const BUDGET_BYTES = 200 * 1024;

/** The table: one row a page, bytes as sent, and gzipped totals against the 200 KB JS+CSS budget. */
export function pageWeightTable(weights: PageWeight[]): string[] {
  const kb = (n: number) => (n / 1024).toFixed(1);
  const header = ['page', 'HTML', 'CSS', 'JS', 'images', 'total sent', 'total gzip', 'JS+CSS gzip'];
  const rows = weights.map((w) => {
    const sum = (kinds: Kind[], field: 'sentBytes' | 'gzipBytes') => w.resources.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s + r[field], 0);
    const images = w.resources.filter((r) => r.kind === 'image');
    const jsCssGzip = sum(['js', 'css'], 'gzipBytes');
    return [
      w.page,
      kb(sum(['html'], 'sentBytes')),
      kb(sum(['css'], 'sentBytes')),
      kb(sum(['js'], 'sentBytes')),
      images.length ? `${images.length} = ${kb(sum(['image'], 'sentBytes'))}` : '0',
      kb(sum(['html', 'css', 'js', 'image'], 'sentBytes')),
      kb(sum(['html', 'css', 'js', 'image'], 'gzipBytes')),
      `${kb(jsCssGzip)}${jsCssGzip > BUDGET_BYTES ? ' OVER' : ''}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

/** Which content-encodings the API used, over every body weighed ("none" when it compressed nothing). */
export function encodingsUsed(weights: PageWeight[]): string {
  const used = new Set(weights.flatMap((w) => w.resources.map((r) => r.encoding ?? 'none')));
  return [...used].join(', ');
}

/** The heaviest page, and the most JS+CSS any page needs, against the budget. */
export function describeWeights(weights: PageWeight[]): string {
  const total = (w: PageWeight, kinds: Kind[]) => w.resources.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s + r.gzipBytes, 0);
  const heaviest = [...weights].sort((a, b) => total(b, ['html', 'css', 'js', 'image']) - total(a, ['html', 'css', 'js', 'image']))[0];
  const jsCss = Math.max(0, ...weights.map((w) => total(w, ['js', 'css'])));
  const kb = (n: number) => (n / 1024).toFixed(1);
  if (!heaviest) return 'no page weighed';
  return (
    `${weights.length} pages; heaviest ${heaviest.page} ${kb(total(heaviest, ['html', 'css', 'js', 'image']))} KB gzipped; ` +
    `JS+CSS at most ${kb(jsCss)} KB gzipped a page (budget ${kb(BUDGET_BYTES)} KB${jsCss > BUDGET_BYTES ? ', OVER' : ''})`
  );
}
