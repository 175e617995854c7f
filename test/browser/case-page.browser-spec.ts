import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_DEFINITION, TELECOM_DEFINITION } from '@app/cases';
import { seriousViolations } from '../support/accessibility';
import { launchChromium } from '../support/browser';
import { TestStack } from '../support/test-app';

/**
 * The public case page on a 360 px phone: rendered from each case's definition by the same
 * template, Korean by default, English by the switch, with the firm, the amount range, the
 * honest note about awards, the mandate in full, the FAQ and the scam warning.
 */

describe('case page in a browser', () => {
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

  it.each([
    ['coupang-2025', DEMO_DEFINITION, '200,000원 ~ 300,000원'],
    ['telecom-sim-2026', TELECOM_DEFINITION, '100,000원 ~ 250,000원'],
  ])('shows %s in Korean, fits the phone, and switches to English in place', async (slug, def, range) => {
    const page = await context.newPage();
    try {
      const response = await page.goto(`${stack.baseUrl}/c/${slug}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['cache-control']).toBe('public, max-age=60');
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
      expect(await page.getAttribute('html', 'lang')).toBe('ko');
      expect(await page.textContent('h1')).toBe(def.title.ko);
      expect(await page.textContent('[data-testid="amount-range"]')).toBe(`1인당 ${range}`);
      expect(await page.textContent('body')).toContain('법원은 1인당 약 10만 원');
      expect(await page.textContent('header')).toContain('법무법인 한결 · 서울지방변호사회 제2025-0421호');
      expect(await page.textContent('[data-testid="scam-warning"]')).toContain('카드번호, 비밀번호');
      expect(await page.textContent('[data-testid="intake-state"]')).toBe('지금 참여 신청을 받고 있습니다.');
      // The mandate in full behind a summary, and every FAQ of the definition.
      await page.click('summary >> nth=0');
      expect(await page.textContent('[data-testid="mandate"]')).toBe(def.mandate.text.ko);
      for (const item of def.page!.faq) expect(await page.textContent('body')).toContain(item.q.ko);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      expect(await seriousViolations(page)).toEqual([]);
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/case-${slug}-ko.png`, fullPage: true });

      await page.click('header a[hreflang="en"]');
      await page.waitForURL(/lang=en/);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe(def.title.en);
      expect(await page.textContent('body')).toContain('about 100,000 won per person');
      expect(new URL(page.url()).pathname).toBe(`/c/${slug}`);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('has an accessibility check that does find violations (the control for the audits above)', async () => {
    const page = await context.newPage();
    try {
      await page.setContent('<!doctype html><html lang="ko"><body><button></button><input type="text"></body></html>');
      expect(await seriousViolations(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^button-name/), expect.stringMatching(/^label/)]));
    } finally {
      await page.close();
    }
  });

  it('says an unknown case is not there, in the page language, and escapes what it was given', async () => {
    const page = await context.newPage();
    try {
      const response = await page.goto(`${stack.baseUrl}/c/no-such-case?lang=en`);
      expect(response?.status()).toBe(404);
      expect(await page.textContent('[data-testid="status-error"]')).toBe('No such case.');
      const probe = await stack.api.inject({ method: 'GET', url: '/c/%3Cscript%3Ealert(1)%3C%2Fscript%3E' });
      expect(probe.statusCode).toBe(404);
      expect(probe.body).not.toContain('<script>');
    } finally {
      await page.close();
    }
  });
});
