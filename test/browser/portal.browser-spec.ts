import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from '../support/accessibility';
import { launchChromium } from '../support/browser';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { keepScreenshot } from '../support/screenshots';

/**
 * The claimant's portal on a 360 px phone in Korean, in a real Chromium: the status link from
 * the receipt email, the deficiency cured by a screenshot chosen in the page's own file input,
 * the file listed, their data read, the deletion page, and leaving the suit through the
 * confirmation page with the keyboard alone; every page free of serious accessibility problems
 * and no wider than the screen.
 */
describe('the claimant portal in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ko-KR', isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
  });

  /** The page fits the phone, has no serious or critical accessibility violation, and is saved when asked. */
  const checkPage = async (page: Page, name: string) => {
    expect({ name, wider: (await page.evaluate<number>('document.documentElement.scrollWidth')) > 360 }).toEqual({ name, wider: false });
    expect({ name, violations: await seriousViolations(page) }).toEqual({ name, violations: [] });
    await keepScreenshot(page, `portal-${name}`);
  };
  const text = (page: Page, selector: string) => page.textContent(selector).then((t) => (t ?? '').trim());

  it('cures the missing notice with a screenshot from the phone, shows the data, and leaves the suit by keyboard', async () => {
    const body = validClaim({ name: '장하린' });
    body.answers.noticeReceived = 'none';
    const { body: created } = await submitClaim(stack.api, body);
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    const link = /(http:\/\/claims\.test\/status\?token=\S+)/.exec(mail.text ?? '')![1].replace('http://claims.test', stack.baseUrl);
    const claimId = created.claimId as string;
    const statusOf = async () => (await stack.query(`SELECT status FROM claims WHERE id = $1`, [claimId]))[0].status as string;

    const page = await context.newPage();
    try {
      // The status link from the email: the claim, where it stands and how it got there.
      const response = await page.goto(link);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('ko');
      expect(await text(page, '[data-testid="claim-number"]')).toBe(created.claimNumber);
      expect(await text(page, '[data-testid="claim-status"]')).toBe('추가 자료 필요');
      expect(await page.locator('.timeline li').allInnerTexts()).toEqual([expect.stringContaining('신청 접수'), expect.stringContaining('추가 자료 요청')]);
      expect(await page.getAttribute('.timeline li time >> nth=0', 'datetime')).toMatch(/\+09:00$/);
      expect(await text(page, '[data-testid="deficiency-breach-notice"]')).toContain('유출 통지(문자, 이메일, 앱 화면) 캡처');
      await checkPage(page, 'status-needs-information');

      // The screenshot, chosen in the notice's own file input and sent with its button.
      const shot = await sharp({ create: { width: 390, height: 844, channels: 3, background: '#fafafa' } }).png().toBuffer();
      await page.setInputFiles('#f-file-breach_notice', { name: 'notice.png', mimeType: 'image/png', buffer: shot });
      await Promise.all([page.waitForURL(/notice=uploaded/), page.click('[data-testid="upload-breach_notice"] button[type="submit"]')]);
      expect(await text(page, '[data-testid="portal-notice"]')).toContain('파일을 올렸습니다');
      expect(await page.locator('[data-testid="evidence-file"]').count()).toBe(1);
      expect(await text(page, '[data-testid="evidence-file"]')).toContain('유출 통지 캡처');

      // Checked again by the worker, the claim no longer waits; its thumbnail shows once prepared.
      await waitFor('the claim to be checked again', async () => (await statusOf()) === 'screened', 20_000);
      await waitFor('the thumbnail', async () => {
        await page.reload();
        return page.evaluate<boolean>(`(() => { const img = document.querySelector('[data-testid="evidence-file"] img'); return !!img && img.complete && img.naturalWidth > 0; })()`);
      }, 20_000);
      expect(await text(page, '[data-testid="claim-status"]')).toBe('자동 확인 완료 · 담당 변호사 검토 대기');
      expect(await page.locator('[data-testid="deficiency-notice"]').count()).toBe(0);
      expect(await page.locator('.timeline li').count()).toBe(4);
      await checkPage(page, 'status-with-file');

      // Their data, as a page: the mandate exactly as signed.
      await Promise.all([page.waitForURL(/\/status\/my-data\?/), page.click('[data-testid="see-my-data"]')]);
      expect(await text(page, 'h1')).toBe('내 정보');
      expect(await text(page, '[data-testid="mandate-text"]')).toContain('성명: 장하린');
      await checkPage(page, 'my-data');
      // The language switch stays on this page, for this claim.
      await Promise.all([page.waitForURL(/lang=en/), page.click('header a[hreflang="en"]')]);
      expect(new URL(page.url()).pathname).toBe('/status/my-data');
      expect(await text(page, 'h1')).toBe('My data');
      await checkPage(page, 'my-data-en');
      await page.goto(link);

      // The deletion page says what deleting means (not sent here).
      await Promise.all([page.waitForURL(/\/status\/delete\?/), page.click('[data-testid="deletion-link"]')]);
      expect(await text(page, '[data-testid="deletion-means"]')).toContain('소송에서도 탈퇴하게 됩니다');
      await checkPage(page, 'delete');
      await page.goBack();

      // Leaving, by keyboard: without the tick the box says why; with it, the claim is withdrawn.
      await Promise.all([page.waitForURL(/\/status\/withdraw\?/), page.click('[data-testid="withdraw-link"]')]);
      expect(await text(page, '[data-testid="withdraw-means"]')).toContain('비용은 들지 않습니다');
      await checkPage(page, 'withdraw');
      await page.focus('[data-testid="confirm-submit"]');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/status/withdraw')), page.keyboard.press('Enter')]);
      await page.waitForSelector('[data-testid="confirm-error"]');
      expect(await text(page, '[data-testid="confirm-error"]')).toBe('철회하려면 확인란을 체크해 주세요.');
      expect(await page.getAttribute('#f-confirm', 'aria-invalid')).toBe('true');
      await checkPage(page, 'withdraw-refused');
      await page.focus('#f-confirm');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#f-confirm')).toBe(true);
      // The next stop after the box is the button that sends it.
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string | null>(`document.activeElement && document.activeElement.getAttribute('data-testid')`)).toBe('confirm-submit');
      await Promise.all([page.waitForURL(/notice=withdrawn/), page.keyboard.press('Enter')]);
      expect(await text(page, '[data-testid="claim-status"]')).toBe('철회됨');
      expect(await text(page, '[data-testid="portal-notice"]')).toContain('소송 참여를 철회했습니다');
      expect(await page.locator('form[action="/status/evidence"]').count()).toBe(0);
      expect(await page.locator('[data-testid="withdraw-link"]').count()).toBe(0);
      expect(await statusOf()).toBe('withdrawn');
      await checkPage(page, 'status-withdrawn');
    } finally {
      await page.close();
    }
  });
});
