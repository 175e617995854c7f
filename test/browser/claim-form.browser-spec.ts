import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { seriousViolations } from '../support/accessibility';
import { launchChromium } from '../support/browser';
import { keepScreenshot } from '../support/screenshots';
import type { ReceivedMail } from '../support/smtp-sink';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const WIDTH = 360;
const sentTo = (mail: ReceivedMail, address: string) => [mail.to].flat().some((a) => a?.text.includes(address));

/**
 * The claim form on a 360 px phone in Debian's Chromium, in Korean, with its own script:
 * proof of work solved in the page, the code read from the test's mail server, every step
 * filled by tapping and typing, the notice screenshot uploaded, the mandate signed. Every page
 * fits the screen and axe-core finds no serious or critical violation on it.
 */
describe('the claim form in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
    browser = await launchChromium();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, locale: 'ko-KR', isMobile: true, hasTouch: true });
  });
  afterEach(async () => {
    await context?.close();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The page as a person meets it: it fits the phone and passes the audit; kept as a screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    expect({ name, width: await page.evaluate<number>('document.documentElement.scrollWidth') }).toEqual({ name, width: WIDTH });
    expect({ name, violations: await seriousViolations(page) }).toEqual({ name, violations: [] });
    await keepScreenshot(page, name);
  }

  async function proveEmail(page: Page, slug: string, email: string, shot: string | null): Promise<void> {
    await page.goto(`${stack.baseUrl}/c/${slug}`);
    await page.click('[data-testid="join-link"]');
    expect(new URL(page.url()).pathname).toBe(`/c/${slug}/join`);
    if (shot) await check(page, `${shot}-1-email`);
    const before = new Set(stack.smtp.messages);
    await page.fill('input[name="email"]', email);
    // The page's script solves the proof of work before the form goes.
    await Promise.all([page.waitForURL(/\/join\/code\?/), page.click('button[type="submit"]')]);
    if (shot) await check(page, `${shot}-2-code`);
    const mail = await stack.smtp.waitFor((m) => !before.has(m) && sentTo(m, email) && /\d{6}/.test(m.subject ?? ''));
    await page.fill('input[name="code"]', /(\d{6})/.exec(mail.subject ?? '')![1]);
    await Promise.all([page.waitForURL(/\/join\/consents/), page.click('button[type="submit"]')]);
  }

  async function next(page: Page, url: RegExp): Promise<void> {
    await Promise.all([page.waitForURL(url), page.click('form:not([action$="/leave"]) .actions button[type="submit"]')]);
  }

  it('files a complete Coupang claim: code, consents, details, questions, notice screenshot, signature, receipt', async () => {
    const page = await context.newPage();
    const email = `browser-${randomBytes(4).toString('hex')}@example.com`;
    await proveEmail(page, 'coupang-2025', email, 'coupang');

    await check(page, 'coupang-3-consents');
    // Nothing is pre-ticked; the page says what is missing when the required boxes are not ticked.
    expect(await page.isChecked('input[name="consent.marketing"]')).toBe(false);
    await next(page, /\/join\/consents/);
    expect(await page.textContent('[data-testid="error-summary"]')).toContain('동의해야');
    await check(page, 'coupang-3b-consents-refused');
    await page.check('input[name="consent.collection"]');
    await page.check('input[name="consent.third_party"]');
    await next(page, /\/join\/identity/);

    await check(page, 'coupang-4-identity');
    await page.fill('input[name="claimant.name"]', '모하메드·알리');
    await page.fill('input[name="claimant.birthDate"]', '19880214');
    await page.fill('input[name="claimant.phone"]', '010 2345 6789');
    await page.fill('input[name="claimant.address.postalCode"]', '0623');
    await page.fill('input[name="claimant.address.line1"]', '서울특별시 강남구 테헤란로 152');
    await page.fill('input[name="claimant.address.line2"]', '101동 1001호');
    await next(page, /\/join\/identity/);
    // A wrong field: the summary links to it and the message sits beside it.
    expect(await page.textContent('#claimant-error, [id$="postalCode-error"]')).toContain('우편번호는 숫자 5자리');
    await check(page, 'coupang-4b-identity-refused');
    await page.fill('input[name="claimant.address.postalCode"]', '06236');
    await next(page, /\/join\/questions/);

    await check(page, 'coupang-5-questions');
    await page.check('input[name="q.noticeReceived"][value="leak"]');
    await page.check('input[name="q.exposedData"][value="name_email"]');
    await page.check('input[name="q.exposedData"][value="order_history"]');
    // The follow-up question appears only after "yes" (the page's script shows it).
    expect(await page.isVisible('textarea[name="q.secondaryHarmDetail"]')).toBe(false);
    await page.check('input[name="q.secondaryHarm"][value="yes"]');
    expect(await page.isVisible('textarea[name="q.secondaryHarmDetail"]')).toBe(true);
    await page.fill('textarea[name="q.secondaryHarmDetail"]', '2025년 12월에 쿠팡 보상 안내를 사칭한 문자를 받았습니다.');
    await page.check('input[name="q.voucherUsed"][value="no"]');
    await page.check('input[name="q.otherRepresentation"][value="no"]');
    await page.check('input[name="q.usResident"][value="no"]');
    await page.fill('input[name="q.learnedOn"]', '2025-12-01');
    await next(page, /\/join\/evidence/);

    await check(page, 'coupang-6-evidence');
    const screenshot = await sharp({ create: { width: 540, height: 1100, channels: 3, background: '#fafafa' } }).jpeg().toBuffer();
    await page.setInputFiles('[data-testid="evidence-breach_notice"] input[type="file"]', { name: '쿠팡 유출 통지.jpg', mimeType: 'image/jpeg', buffer: screenshot });
    await Promise.all([page.waitForURL(/notice=uploaded/), page.click('[data-testid="evidence-breach_notice"] button[type="submit"]')]);
    expect(await page.locator('[data-testid="evidence-breach_notice"] [data-testid="evidence-file"]').count()).toBe(1);
    // A file over the limit is refused in the page before it is sent.
    await page.setInputFiles('[data-testid="evidence-harm_evidence"] input[type="file"]', { name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) });
    expect(await page.textContent('[data-testid="evidence-harm_evidence"] .error')).toContain('10MB');
    await check(page, 'coupang-6b-evidence-uploaded');
    await Promise.all([page.waitForURL(/\/join\/mandate/), page.click('form[action$="/join/evidence"] button[type="submit"]')]);

    await check(page, 'coupang-7-mandate');
    expect(await page.textContent('[data-testid="mandate-text"]')).toContain('성명: 모하메드·알리');
    await page.fill('input[name="typedName"]', '모하메드 알리');
    await page.check('input[name="agreed"]');
    await next(page, /\/join\/mandate/);
    expect(await page.textContent('[data-testid="error-summary"]')).toContain('서명란에 신청인 이름을');
    await page.fill('input[name="typedName"]', '모하메드·알리');
    await page.check('input[name="agreed"]');
    await next(page, /\/join\/review/);

    await check(page, 'coupang-8-review');
    expect(await page.textContent('[data-testid="review-estimate"]')).toMatch(/원$/);
    await Promise.all([page.waitForURL(/\/join\/done/), page.click('[data-testid="submit-claim"]')]);
    await check(page, 'coupang-9-done');
    const claimNumber = (await page.textContent('[data-testid="claim-number"]'))!.trim();
    expect(claimNumber).toMatch(/^CP-/);
    const receipt = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(claimNumber), 20_000);
    expect(sentTo(receipt, email)).toBe(true);
    // The switch keeps the person where they are.
    await page.click('header a[hreflang="en"]');
    expect(new URL(page.url()).pathname).toBe('/c/coupang-2025/join/done');
    expect(await page.textContent('h1')).toBe('We received your claim');
  });

  it('resumes a form left half-way, from the emailed link, in a fresh browser', async () => {
    const page = await context.newPage();
    const email = `halfway-${randomBytes(4).toString('hex')}@example.com`;
    await proveEmail(page, 'coupang-2025', email, null);
    await page.check('input[name="consent.collection"]');
    await page.check('input[name="consent.third_party"]');
    await next(page, /\/join\/identity/);
    await page.fill('input[name="claimant.name"]', '정하윤');
    await page.fill('input[name="claimant.birthDate"]', '1995-11-30');
    await page.fill('input[name="claimant.phone"]', '01098765432');
    await page.fill('input[name="claimant.address.postalCode"]', '48058');
    await page.fill('input[name="claimant.address.line1"]', '부산광역시 해운대구 센텀중앙로 79');
    await next(page, /\/join\/questions/);
    await context.close();

    const mail = await stack.smtp.waitFor((m) => sentTo(m, email) && (m.text ?? '').includes('/join/resume?token='));
    const link = /(http:\/\/claims\.test\/\S+\/join\/resume\?token=\S+)/.exec(mail.text ?? '')![1].replace('http://claims.test', stack.baseUrl);
    context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, locale: 'ko-KR', isMobile: true, hasTouch: true });
    const later = await context.newPage();
    await later.goto(link);
    expect(new URL(later.url()).pathname).toBe('/c/coupang-2025/join/questions');
    // The token is gone from the address bar once the session is set.
    expect(later.url()).not.toContain('token=');
    await check(later, 'resume-questions');
    await later.click('a[href*="/join/identity"]');
    expect(await later.inputValue('input[name="claimant.name"]')).toBe('정하윤');
  });

  it('lets a guardian file for a minor in the second demo case, through the same pages', async () => {
    const page = await context.newPage();
    const email = `telecom-${randomBytes(4).toString('hex')}@example.com`;
    await proveEmail(page, 'telecom-sim-2026', email, 'telecom');
    // The demo case has two consents and no marketing one.
    expect(await page.locator('input[type="checkbox"][name^="consent."]').count()).toBe(2);
    await page.check('input[name="consent.collection"]');
    await page.check('input[name="consent.third_party"]');
    await next(page, /\/join\/identity/);
    await page.check('input[name="filer"][value="guardian"]');
    await page.fill('input[name="claimant.name"]', '최서아');
    await page.fill('input[name="claimant.birthDate"]', '20140303');
    await page.fill('input[name="claimant.address.postalCode"]', '34126');
    await page.fill('input[name="claimant.address.line1"]', '대전광역시 유성구 대학로 99');
    await page.fill('input[name="guardian.name"]', '최민호');
    await page.fill('input[name="guardian.birthDate"]', '1980-01-20');
    await page.check('input[name="guardian.relation"][value="parent"]');
    await page.fill('input[name="guardian.phone"]', '010-4444-5555');
    await next(page, /\/join\/questions/);
    await check(page, 'telecom-5-questions');
    await page.check('input[name="q.subscriber"][value="yes"]');
    await page.check('input[name="q.lineType"][value="mobile"]');
    await page.check('input[name="q.simDataExposed"][value="imsi"]');
    await page.check('input[name="q.simReplaced"][value="yes"]');
    await page.check('input[name="q.cloningHarm"][value="no"]');
    await page.check('input[name="q.otherSuit"][value="no"]');
    await page.fill('input[name="q.learnedOn"]', '2026-05-02');
    await next(page, /\/join\/evidence/);
    await check(page, 'telecom-6-evidence');
    const certificate = await sharp({ create: { width: 600, height: 840, channels: 3, background: '#ffffff' } }).png().toBuffer();
    await page.setInputFiles('[data-testid="evidence-family_certificate"] input[type="file"]', { name: 'family.png', mimeType: 'image/png', buffer: certificate });
    await Promise.all([page.waitForURL(/notice=uploaded/), page.click('[data-testid="evidence-family_certificate"] button[type="submit"]')]);
    await Promise.all([page.waitForURL(/\/join\/mandate/), page.click('form[action$="/join/evidence"] button[type="submit"]')]);
    expect(await page.textContent('[data-testid="mandate-text"]')).toContain('[법정대리인]');
    await page.fill('input[name="typedName"]', '최민호');
    await page.check('input[name="agreed"]');
    await next(page, /\/join\/review/);
    await check(page, 'telecom-8-review');
    await Promise.all([page.waitForURL(/\/join\/done/), page.click('[data-testid="submit-claim"]')]);
    const claimNumber = (await page.textContent('[data-testid="claim-number"]'))!.trim();
    expect(claimNumber).toMatch(/^TS-/);
    const [claim] = await stack.query(`SELECT id FROM claims WHERE claim_number = $1`, [claimNumber]);
    const assessed = await waitFor('the assessment', async () => (await stack.query(`SELECT verdict FROM claim_assessments WHERE claim_id = $1`, [claim.id]))[0], 20_000);
    expect(assessed.verdict).toBe('eligible');
  });
});
