import type { Browser, BrowserContext } from 'playwright-core';
import { seriousViolations } from '../support/accessibility';
import { launchChromium } from '../support/browser';
import { TestStack } from '../support/test-app';

/** The pre-check on a phone: reached from the case page, a plain form, answered by the case's rules. */
describe('pre-check page in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await TestStack.start();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ko-KR', isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('asks for every answer, then tells a minor they can join with a guardian, with no script at all', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${stack.baseUrl}/c/coupang-2025`);
      await page.click('[data-testid="precheck-link"]');
      expect(new URL(page.url()).pathname).toBe('/c/coupang-2025/check');
      // A plain form: the only script is the pages' own file (the CSP refuses any other); the form needs none of it.
      expect(await page.evaluate<string[]>('Array.from(document.scripts).map((s) => new URL(s.src).pathname)')).toEqual([expect.stringMatching(/^\/assets\/claimant-[\w-]+\.js$/)]);
      expect(await seriousViolations(page)).toEqual([]);

      // Submitting with nothing chosen names each missing answer.
      await page.click('button[type="submit"]');
      expect(await page.locator('.error').count()).toBe(4);
      expect(await page.textContent('#noticeReceived-error')).toBe('답을 골라 주세요.');
      expect(await seriousViolations(page)).toEqual([]);

      await page.check('input[name="noticeReceived"][value="leak"]');
      await page.check('input[name="otherRepresentation"][value="false"]');
      await page.check('input[name="usResident"][value="false"]');
      await page.fill('#birthDate', '2010-03-01');
      await page.click('button[type="submit"]');
      expect(await page.getAttribute('[data-testid="precheck-result"]', 'data-outcome')).toBe('guardian');
      expect(await page.textContent('[data-testid="precheck-result"] h2')).toBe('법정대리인과 함께 참여할 수 있습니다');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/precheck-guardian.png`, fullPage: true });

      // The answers stay chosen, and the language switch keeps them.
      expect(await page.isChecked('input[name="noticeReceived"][value="leak"]')).toBe(true);
      await page.click('header a[hreflang="en"]');
      expect(await page.textContent('[data-testid="precheck-result"] h2')).toBe('You can join with your legal guardian');
    } finally {
      await page.close();
    }
  });

  it('works with scripts turned off, as a plain form', async () => {
    const noScript = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ko-KR', javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(`${stack.baseUrl}/c/coupang-2025/check`);
      await page.check('input[name="noticeReceived"][value="none"]');
      await page.check('input[name="otherRepresentation"][value="false"]');
      await page.check('input[name="usResident"][value="false"]');
      await page.fill('#birthDate', '1990-03-01');
      await page.click('button[type="submit"]');
      expect(await page.getAttribute('[data-testid="precheck-result"]', 'data-outcome')).toBe('needs_information');
    } finally {
      await noScript.close();
    }
  });

  it.each([
    ['/c/coupang-2025/check?noticeReceived=leak&otherRepresentation=true&usResident=false&birthDate=1990-01-01', 'not_eligible', '다른 소송이나 분쟁조정'],
    ['/c/coupang-2025/check?noticeReceived=none&otherRepresentation=false&usResident=false&birthDate=1990-01-01', 'needs_information', '캡처'],
    ['/c/coupang-2025/check?noticeReceived=leak&otherRepresentation=false&usResident=true&birthDate=1990-01-01', 'separate_track', '미국 거주자'],
    ['/c/telecom-sim-2026/check?subscriber=false&otherSuit=false&birthDate=1990-01-01', 'not_eligible', '가입자만'],
    ['/c/telecom-sim-2026/check?subscriber=true&otherSuit=false&birthDate=1990-01-01', 'eligible', '참여할 수 있습니다'],
  ])('answers %s with %s and says why', async (url, outcome, why) => {
    const res = await stack.api.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(`data-outcome="${outcome}"`);
    expect(res.body).toContain(why);
  });

  it('ignores values that are not options, and escapes whatever the query holds', async () => {
    const res = await stack.api.inject({ method: 'GET', url: '/c/coupang-2025/check?noticeReceived=%3Cscript%3E&usResident=maybe&birthDate=2099-01-01&x=%22%3E%3Cscript%3E' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('data-testid="precheck-result"');
    expect(res.body).not.toContain('<script>');
    expect((await stack.api.inject({ method: 'GET', url: '/c/no-such-case/check' })).statusCode).toBe(404);
  });
});
