import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Swagger UI at /api/docs in Chromium, under the policy create-api gives it (inline styles and
 * data: images, scripts from this origin only) and the app's other headers (helmet, cache):
 * it renders the operations, calls the API, and nothing is refused or fails.
 */
describe('Swagger UI in a browser', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await TestStack.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A page that records every CSP violation, console error, uncaught error and failed load. */
  async function watchedPage(): Promise<{ page: Page; problems: () => Promise<string[]> }> {
    const page = await browser.newPage();
    const seen: string[] = [];
    page.on('console', (m) => {
      // A failed load is reported below with its address.
      if (/^Failed to load resource/.test(m.text())) return;
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      // Chromium asks for /favicon.ico by itself.
      if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') seen.push(`${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => seen.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
    // (Page code as strings: the tests compile without the DOM's types.)
    await page.addInitScript(`window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));`);
    const problems = async () => [...seen, ...(await page.evaluate<string[]>('window.violations'))];
    return { page, problems };
  }

  it('renders the operations and runs one, with nothing refused by the policy', async () => {
    const { page, problems } = await watchedPage();
    try {
      const response = await page.goto(`${stack.baseUrl}/api/docs`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");

      // The claims route is listed, under its tag, with its summary.
      const submit = page.locator('.opblock-post:has([data-path="/api/cases/{slug}/claims"])');
      await submit.waitFor({ state: 'visible', timeout: 20_000 });
      expect(await submit.locator('.opblock-summary-description').innerText()).toBe('Submit a claim');
      expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
      expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('Claims intake API');
      // Styled by its stylesheet and its inline <style> (the policy lets both apply).
      expect(await page.evaluate<string>(`getComputedStyle(document.body).backgroundColor`)).toBe('rgb(250, 250, 250)');
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('.opblock-post')).borderColor`)).toBe('rgb(73, 204, 144)');

      // Opened, it shows the guards' headers.
      await submit.locator('.opblock-summary').click();
      await submit.locator('.parameters').waitFor();
      const parameters = await submit.locator('.parameter__name').allInnerTexts();
      expect(parameters.map((p) => p.replace(/\s*\*$/, '').trim())).toEqual(expect.arrayContaining(['x-altcha', 'idempotency-key', 'accept-language', 'slug']));

      // "Try it out" calls the API from the page (connect-src 'self').
      const getCase = page.locator('.opblock-get:has([data-path="/api/cases/{slug}"])');
      await getCase.locator('.opblock-summary').click();
      await getCase.locator('button.try-out__btn').click();
      await getCase.locator('input[placeholder="slug"]').fill('coupang-2025');
      await getCase.locator('button.execute').click();
      const status = getCase.locator('.live-responses-table .response .response-col_status').first();
      await status.waitFor({ timeout: 20_000 });
      expect((await status.innerText()).trim()).toBe('200');

      expect(await problems()).toEqual([]);

      // The control: the same watch does see what the policy still refuses (an inline script).
      await page.evaluate(`{
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.head.append(s);
      }`);
      expect(await waitFor('the inline script to be refused', async () => (await problems()).find((p) => p.startsWith('script-src')))).toBeTruthy();
      expect(await page.evaluate('window.inlineRan')).toBeUndefined();
    } finally {
      await page.close();
    }
  });
});
