import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ProofOfWork } from '@app/protection';
import { claimantAssets } from '../../apps/api/src/pages/assets';
import { launchChromium } from '../support/browser';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The claimant pages' stylesheet and script in Chromium on a 360 px phone, under the pages' own
 * Content-Security-Policy: the page is styled by the file, nothing is refused, and each
 * behaviour of the script (proof of work, questions shown by answers, file checks) works on
 * the markup it is keyed on.
 */
describe('claimant assets in a browser', () => {
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

  /** A page that records every CSP violation, console error and uncaught error. */
  async function watchedPage(): Promise<{ page: Page; problems: () => Promise<string[]> }> {
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('console', (m) => {
      // A failed load is reported below with its address; Chromium asks for /favicon.ico by itself.
      if (/^Failed to load resource/.test(m.text())) return;
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') seen.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
    // (Page code as strings: the tests compile without the DOM's types.)
    await page.addInitScript(`window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));`);
    const problems = async () => [...seen, ...(await page.evaluate<string[]>('window.violations'))];
    return { page, problems };
  }

  it('styles the case page from the stylesheet, with nothing refused by the policy', async () => {
    const { page, problems } = await watchedPage();
    try {
      const response = await page.goto(`${stack.baseUrl}/c/coupang-2025`);
      expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
      await page.waitForLoadState('networkidle');
      const look = await page.evaluate(`({
        sheets: Array.from(document.styleSheets).map((s) => new URL(s.href, location.href).pathname),
        font: getComputedStyle(document.body).fontFamily,
        wordBreak: getComputedStyle(document.body).wordBreak,
        summary: getComputedStyle(document.querySelector('summary')).minHeight,
        switchHeight: document.querySelector('header a').getBoundingClientRect().height,
      })`);
      expect(look).toEqual({ sheets: claimantAssets().styles, font: expect.stringContaining('Apple SD Gothic Neo'), wordBreak: 'keep-all', summary: '44px', switchHeight: 44 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      expect(await problems()).toEqual([]);

      // The control: the same watch does see what the policy refuses (an inline script).
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

  /** A form as the claim pages will write it, served at /probe with the pages' real headers, linking the built files. */
  async function probePage(page: Page): Promise<{ submitted: () => URLSearchParams | null }> {
    const real = await stack.api.inject({ method: 'GET', url: '/c/coupang-2025' });
    const { styles, scripts } = claimantAssets();
    const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>probe</title>
<link rel="stylesheet" href="${styles[0]}"><script type="module" src="${scripts[0]}"></script></head><body><main>
<form data-pow data-pow-working="보안 확인 중…" data-pow-failed="보안 확인에 실패했습니다. 다시 눌러 주세요." method="post" action="/probe-submit">
  <input type="hidden" name="altcha">
  <fieldset data-type="yes_no"><legend>2차 피해가 있었나요?</legend>
    <label class="choice"><input type="radio" name="q.harm" value="yes"> 예</label>
    <label class="choice"><input type="radio" name="q.harm" value="no"> 아니요</label>
  </fieldset>
  <div class="field" id="detail" data-show-if='{"==":[{"var":"answers.harm"},true]}'><label for="d">내용</label><input id="d" type="text" name="q.detail" value="문자"></div>
  <div class="field"><label for="born">생년월일</label><input id="born" type="date" name="q.born"></div>
  <div class="field" id="adult" data-show-if='{">=":[{"years_between":[{"var":"answers.born"},"2025-12-01"]},19]}'><label for="a">성인 질문</label><input id="a" type="text" name="q.adult"></div>
  <fieldset><legend>유출된 정보</legend>
    <label class="choice"><input type="checkbox" name="q.exposed" value="phone"> 전화번호</label>
    <label class="choice"><input type="checkbox" name="q.exposed" value="address"> 주소</label>
  </fieldset>
  <div class="field" id="address" data-show-if='{"in":["address",{"var":"answers.exposed"}]}'><label for="ad">주소 메모</label><textarea id="ad" name="q.addressNote"></textarea></div>
  <div class="field"><label for="f">유출 통지 캡처</label>
    <input id="f" type="file" name="file" data-max-bytes="1000" data-accept="image/png, application/pdf" data-msg-too-large="파일이 너무 큽니다." data-msg-empty="빈 파일입니다." data-msg-type="PNG 또는 PDF만 올릴 수 있습니다." aria-describedby="f-hint f-error">
    <p class="hint" id="f-hint">10MB까지</p><p class="error" id="f-error" hidden></p></div>
  <p data-pow-status aria-live="polite"></p>
  <div class="actions"><button type="submit" name="step" value="next">다음</button></div>
</form></main></body></html>`;
    let body: URLSearchParams | null = null;
    await page.route(`${stack.baseUrl}/probe`, (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': String(real.headers['content-security-policy']) }, body: html }),
    );
    await page.route(`${stack.baseUrl}/probe-submit`, async (route) => {
      body = new URLSearchParams(route.request().postData() ?? '');
      await route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>sent</title>' });
    });
    await page.goto(`${stack.baseUrl}/probe`);
    await page.waitForLoadState('networkidle');
    return { submitted: () => body };
  }

  const state = (page: Page, selector: string) =>
    page.evaluate(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); return { hidden: el.hidden, disabled: el.querySelector('input, textarea').disabled }; })()`);

  it('shows questions as the answers call for them, with the server\'s JsonLogic, and sends nothing hidden', async () => {
    const { page, problems } = await watchedPage();
    try {
      await probePage(page);
      const hiddenAndOff = { hidden: true, disabled: true };
      const shownAndOn = { hidden: false, disabled: false };
      expect(await state(page, '#detail')).toEqual(hiddenAndOff);
      expect(await state(page, '#adult')).toEqual(hiddenAndOff);
      expect(await state(page, '#address')).toEqual(hiddenAndOff);

      await page.check('input[name="q.harm"][value="yes"]');
      expect(await state(page, '#detail')).toEqual(shownAndOn);
      await page.fill('#born', '2000-05-05'); // years_between, one of the server's own operations
      expect(await state(page, '#adult')).toEqual(shownAndOn);
      await page.fill('#born', '2010-05-05');
      expect(await state(page, '#adult')).toEqual(hiddenAndOff);
      await page.check('input[name="q.exposed"][value="phone"]');
      expect(await state(page, '#address')).toEqual(hiddenAndOff);
      await page.check('input[name="q.exposed"][value="address"]');
      expect(await state(page, '#address')).toEqual(shownAndOn);
      await page.check('input[name="q.harm"][value="no"]');
      expect(await state(page, '#detail')).toEqual(hiddenAndOff);
      expect(await problems()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('names a file that will not do and holds the form, then proves the work and sends a solution the server accepts', async () => {
    const { page, problems } = await watchedPage();
    try {
      const { submitted } = await probePage(page);
      await page.check('input[name="q.harm"][value="no"]');
      const fileState = () =>
        page.evaluate(`({ text: document.getElementById('f-error').textContent, shown: !document.getElementById('f-error').hidden, invalid: document.getElementById('f').getAttribute('aria-invalid') })`);
      for (const [file, text] of [
        [{ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(1001, 1) }, '파일이 너무 큽니다.'],
        [{ name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }, '빈 파일입니다.'],
        [{ name: 'cat.gif', mimeType: 'image/gif', buffer: Buffer.alloc(10, 1) }, 'PNG 또는 PDF만 올릴 수 있습니다.'],
      ] as const) {
        await page.setInputFiles('#f', { ...file, buffer: Buffer.from(file.buffer) });
        expect(await fileState()).toEqual({ text, shown: true, invalid: 'true' });
      }
      await page.click('button[type="submit"]');
      // Held: not sent, and no work started for it.
      expect(await page.inputValue('input[name="altcha"]')).toBe('');
      expect(await page.textContent('[data-pow-status]')).toBe('');
      expect(submitted()).toBeNull();
      expect(await page.evaluate('document.activeElement.id')).toBe('f');

      await page.setInputFiles('#f', { name: 'notice.png', mimeType: 'image/png', buffer: Buffer.alloc(1000, 1) });
      expect(await fileState()).toEqual({ text: '', shown: false, invalid: null });
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/probe-submit$/);
      const sent = submitted()!;
      expect(sent.get('step')).toBe('next'); // submitted with the button pressed
      expect(sent.get('q.harm')).toBe('no');
      expect(sent.has('q.detail')).toBe(false); // hidden, so disabled, so not sent
      // Solved by Chromium's WebCrypto, accepted by the server's own check (once).
      const proof = sent.get('altcha')!;
      expect(proof).not.toBe('');
      await expect(stack.api.get(ProofOfWork).verify(proof)).resolves.toBeUndefined();
      await expect(stack.api.get(ProofOfWork).verify(proof)).rejects.toMatchObject({ messageKey: 'request.proofOfWorkInvalid' });
      expect(await problems()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says so when the check cannot be done, and lets the person try again', async () => {
    const { page } = await watchedPage();
    try {
      const { submitted } = await probePage(page);
      await page.route(`${stack.baseUrl}/api/challenge`, (route) => route.fulfill({ status: 503, body: '{}' }));
      await page.click('button[type="submit"]');
      await page.waitForFunction(`document.querySelector('[data-pow-status]').textContent !== '보안 확인 중…'`);
      expect(await page.textContent('[data-pow-status]')).toBe('보안 확인에 실패했습니다. 다시 눌러 주세요.');
      expect(await page.isEnabled('button[type="submit"]')).toBe(true);
      expect(await page.inputValue('input[name="altcha"]')).toBe('');
      expect(submitted()).toBeNull();
    } finally {
      await page.close();
    }
  });
});
