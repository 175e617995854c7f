import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDirectory, claimantAssets } from '../../apps/api/src/pages/assets';
import { createApi, PAGE_CSP, useContentSecurityPolicy } from '../../apps/api/src/create-api';
import { TestStack } from '../support/test-app';

/**
 * The claimant pages' script and stylesheet: built by Vite with hashed names, linked by every
 * page, served as immutable files under a policy that allows nothing inline.
 */
describe('static assets', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const get = (url: string) => stack.api.inject({ method: 'GET', url });

  it('links the built stylesheet and script from the case page, under a policy with nothing inline', async () => {
    const page = await get('/c/coupang-2025');
    expect(page.statusCode).toBe(200);
    const { styles, scripts } = claimantAssets();
    expect(styles).toEqual([expect.stringMatching(/^\/assets\/claimant-[\w-]+\.css$/)]);
    expect(scripts).toEqual([expect.stringMatching(/^\/assets\/claimant-[\w-]+\.js$/)]);
    expect(page.body).toContain(`<link rel="stylesheet" href="${styles[0]}">`);
    expect(page.body).toContain(`<script type="module" src="${scripts[0]}"></script>`);
    expect(page.body).not.toMatch(/<style|style="|<script(?! type="module" src=)/);

    const csp = String(page.headers['content-security-policy']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp.split(/;\s*/)).toEqual(
      expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'"]),
    );
  });

  it('serves each asset as the built file, cacheable for a year and never revalidated', async () => {
    const { styles, scripts } = claimantAssets();
    for (const [url, type] of [[styles[0], /^text\/css\b/], [scripts[0], /^(text|application)\/javascript\b/]] as const) {
      const res = await get(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toBe(readFileSync(join(assetsDirectory(), url.replace('/assets/', '')), 'utf8'));
    }
  });

  it.each([
    ['an unknown file', '/assets/x.js'],
    ['the folder itself', '/assets/'],
    ['a file beside assets/ (the manifest)', '/assets/../.vite/manifest.json'],
    ['an encoded way out', '/assets/%2e%2e/.vite/manifest.json'],
    ['a dotfile', '/assets/.vite'],
    ['a dotfile in it', '/assets/.vite/manifest.json'],
  ])('answers %s 404 in the one error format, uncached', async (_what, url) => {
    const res = await get(url);
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 404, body: { statusCode: 404, code: 'request.notFound', message: '요청한 주소를 찾을 수 없습니다.' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('lets one path prefix have a policy of its own (for Swagger UI), leaving the pages theirs', async () => {
    const app = await createApi(stack.configWith({}));
    try {
      useContentSecurityPolicy(app.getHttpAdapter().getInstance(), '/api/docs', { ...PAGE_CSP, 'style-src': ["'self'", "'unsafe-inline'"] });
      await app.init();
      const docs = await app.inject({ method: 'GET', url: '/api/docs/index.html?x=1' });
      expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      for (const url of ['/c/coupang-2025', '/api/docsx', '/api/cases/coupang-2025']) {
        expect({ url, csp: (await app.inject({ method: 'GET', url })).headers['content-security-policy'] }).toEqual({ url, csp: expect.not.stringContaining('unsafe-inline') });
      }
    } finally {
      await app.close();
    }
  });
});
