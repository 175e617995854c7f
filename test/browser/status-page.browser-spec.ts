import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';

/** The claimant opens the link from the receipt email on a phone, in a real browser. */
describe('status page in a browser', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the claim number, status and estimate in Korean on a phone-sized screen', async () => {
    const { body: created } = await submitClaim(stack.api, validClaim({ name: '최유나' }));
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    const link = /(http:\/\/claims\.test\/status\?token=\S+)/.exec(mail.text ?? '')![1].replace('http://claims.test', stack.baseUrl);

    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'ko-KR', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      const response = await page.goto(link);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('ko');
      expect(await page.textContent('[data-testid="claim-number"]')).toBe(created.claimNumber);
      expect(await page.textContent('[data-testid="claim-status"]')).toBe('자동 확인 완료 · 담당 변호사 검토 대기');
      expect(await page.textContent('[data-testid="estimate"]')).toBe('230,000원');
      // How the amount is worked out, with the model's own labels.
      expect(await page.textContent('[data-testid="breakdown"]')).toContain('기본 위자료(이름·이메일 유출): 200,000원');
      expect(await page.textContent('[data-testid="breakdown"]')).toContain('전화번호·주소 유출: 30,000원');
      // Fits the phone: nothing wider than the screen.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/status-page.png`, fullPage: true });

      // A broken link explains itself instead of showing an error page.
      await page.goto(`${stack.baseUrl}/status?token=broken`);
      expect(await page.textContent('body')).toContain('링크가 올바르지 않거나 만료되었습니다');
    } finally {
      await context.close();
    }
  });
});
