import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import yauzl from 'yauzl';
import { currentTotp } from '@app/staff';
import { seriousViolations } from '../support/accessibility';
import { launchChromium } from '../support/browser';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { keepScreenshot } from '../support/screenshots';
import { createStaff, type StaffMember } from '../support/staff';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The staff console in a real Chromium, in Korean on a desktop screen: an attorney signs in with
 * a password and an authenticator code, filters the queue, opens a claim, asks for information
 * (and the claimant's email arrives), approves another, and approves what a filter matches in
 * bulk, watching its progress; an auditor reads the access log. Every page free of serious
 * accessibility problems, each kept as a screenshot.
 */
/** The names of a ZIP's entries. */
function zipEntries(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the staff console in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let attorney: StaffMember;
  let auditor: StaffMember;
  /** When each account last used a code: a code works once, so the next sign-in waits for the next 30-second step. */
  const lastCode = new Map<string, number>();
  const claims: { id: string; claimNumber: string; name: string }[] = [];

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
    attorney = await createStaff(stack.api, 'attorney', { name: '한지민' });
    lastCode.set(attorney.email, Date.now());
    auditor = await createStaff(stack.api, 'auditor', { name: '오감사' });
    lastCode.set(auditor.email, Date.now());
    for (const name of ['김가람', '이나래', '박다솜']) {
      const res = await submitClaim(stack.api, validClaim({ name }));
      claims.push({ id: res.body.claimId, claimNumber: res.body.claimNumber, name });
    }
    for (const c of claims) await waitFor('screened', async () => (await stack.query(`SELECT status FROM claims WHERE id = $1`, [c.id]))[0].status === 'screened');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR', acceptDownloads: true });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
  });

  const checkPage = async (page: Page, name: string) => {
    expect({ name, violations: await seriousViolations(page) }).toEqual({ name, violations: [] });
    await keepScreenshot(page, `staff-${name}`);
  };
  const text = (page: Page, selector: string) => page.textContent(selector).then((t) => (t ?? '').trim());

  /** Signs in through the pages: email and password, then the authenticator's current code (of a step not yet used). */
  async function signInAs(page: Page, member: StaffMember, screenshot?: string) {
    await page.goto(`${stack.baseUrl}/staff/sign-in`);
    if (screenshot) await checkPage(page, screenshot);
    await page.fill('#f-email', member.email);
    await page.fill('#f-password', member.password);
    await Promise.all([page.waitForURL(/\/staff\/sign-in\/code/), page.click('button[type="submit"]')]);
    const step = Math.floor((lastCode.get(member.email) ?? 0) / 30_000);
    while (Math.floor(Date.now() / 30_000) <= step) await page.waitForTimeout(500);
    if (screenshot) await checkPage(page, `${screenshot}-code`);
    await page.fill('#f-code', currentTotp(member.secret));
    lastCode.set(member.email, Date.now());
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in')), page.click('button[type="submit"]')]);
  }

  it('takes an attorney from sign-in through the queue, a request for information, an approval, a bulk approval, a locked batch and its three downloads', async () => {
    const page = await context.newPage();
    try {
      await signInAs(page, attorney, 'sign-in');
      expect(new URL(page.url()).pathname).toBe('/staff/claims');
      expect(await text(page, '[data-testid="signed-in-as"]')).toContain('한지민');
      expect(await page.locator('[data-testid="queue-row"]').count()).toBe(3);
      await checkPage(page, 'queue');

      // Filter by status with the form, by keyboard: the choice, then Enter on the button.
      await page.selectOption('#f-status', 'screened');
      await page.focus('form[role="search"] button[type="submit"]');
      await Promise.all([page.waitForURL(/status=screened/), page.keyboard.press('Enter')]);
      expect(await text(page, '[data-testid="matching"]')).toBe('필터에 맞는 신청 3건');
      await page.fill('#f-q', claims[0].claimNumber);
      await Promise.all([page.waitForURL(/q=/), page.click('form[role="search"] button[type="submit"]')]);
      expect(await page.locator('[data-testid="queue-row"]').count()).toBe(1);

      // Open the claim: the claimant's details, each rule's reason, the estimate.
      await Promise.all([page.waitForURL(new RegExp(`/staff/claims/${claims[0].id}$`)), page.click(`a:has-text("${claims[0].claimNumber}")`)]);
      expect(await text(page, '[data-testid="claimant-name"]')).toBe(claims[0].name);
      expect(await page.locator('[data-testid="rules"] tbody tr').count()).toBeGreaterThan(5);
      await checkPage(page, 'claim');

      // Ask for the breach notice; the claimant's email says so.
      await page.check('input[name="items"][value="breach-notice"]');
      await Promise.all([page.waitForURL(/done=request_information/), page.click('[data-testid="request-information"]')]);
      expect(await text(page, '[data-testid="flash"]')).toContain('보완을 요청했습니다');
      expect(await text(page, '[data-testid="claim-status"]')).toBe('보완 요청');
      const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`추가 자료가 필요합니다 (${claims[0].claimNumber})`));
      expect(mail.text).toContain('유출 통지(문자, 이메일, 앱 화면) 캡처');
      await checkPage(page, 'claim-information-requested');

      // Approve the second claim from its file.
      await page.goto(`${stack.baseUrl}/staff/claims/${claims[1].id}`);
      await Promise.all([page.waitForURL(/done=approve/), page.click('[data-testid="approve"]')]);
      expect(await text(page, '[data-testid="claim-status"]')).toBe('승인');
      await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`승인되었습니다 (${claims[1].claimNumber})`));

      // Approve everything still screened, in bulk: the count first, then the job's progress.
      await page.goto(`${stack.baseUrl}/staff/claims?status=screened`);
      expect(await page.locator('[data-testid="queue-row"]').count()).toBe(1);
      await page.selectOption('#bulk-kind', 'approve');
      await Promise.all([page.waitForURL(/\/staff\/claims\/bulk\?/), page.click('form[action="/staff/claims/bulk"] button[type="submit"]')]);
      expect(await text(page, '[data-testid="bulk-count"]')).toBe('대상: 지금 필터에 맞는 신청 1건');
      await checkPage(page, 'bulk-confirm');
      await Promise.all([page.waitForURL(/\/staff\/claims\/bulk\/[0-9a-f-]{36}$/), page.click('[data-testid="bulk-run"]')]);
      // The progress page reloads itself until the job is done.
      await page.waitForSelector('[data-testid="bulk-progress"][data-status="done"]', { timeout: 20_000 });
      expect(await text(page, '[data-testid="bulk-progress"]')).toBe('1건 처리 · 0건 건너뜀 · 전체 1건');
      await checkPage(page, 'bulk-done');
      expect((await stack.query(`SELECT status FROM claims WHERE id = $1`, [claims[2].id]))[0].status).toBe('approved');

      await page.goto(`${stack.baseUrl}/staff/claims?status=approved`);
      expect(await page.locator('[data-testid="queue-row"]').count()).toBe(2);
      await page.goto(`${stack.baseUrl}/staff/dashboard`);
      await checkPage(page, 'dashboard');

      // A filing round: create it, add the approved claims, lock it.
      await page.goto(`${stack.baseUrl}/staff/batches`);
      await page.fill('#f-name', '1차 소 제기');
      await Promise.all([page.waitForURL(/\/staff\/batches\/[0-9a-f-]{36}(\?|$)/), page.click('form[method="post"][action="/staff/batches"] button[type="submit"]')]);
      await checkPage(page, 'batch-open');
      const batchUrl = page.url();
      await page.click('form[action$="/add"] button[type="submit"]');
      await page.waitForSelector('[data-testid="batch-members"]');
      expect(await page.locator('[data-testid="batch-members"] tbody tr').count()).toBe(2);
      await page.click('form[action$="/lock"] button[type="submit"]');
      await page.waitForSelector('[data-testid="batch-sha256"]');
      expect(await text(page, '[data-testid="batch-status"]')).toBe('잠김');
      await checkPage(page, 'batch-locked');

      // Each download asks for a reason first; then the file, read back and checked.
      const download = async (kind: string) => {
        await page.goto(batchUrl);
        await page.click(`[data-testid="export-${kind}"]`);
        await page.fill('#f-reason', '1차 소장 첨부용 원고 목록');
        const [file] = await Promise.all([page.waitForEvent('download'), page.click('main form[method="post"] button[type="submit"]')]);
        return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
      };
      const csv = await download('plaintiffs-csv');
      expect(csv.name).toMatch(/\.csv$/);
      const csvText = csv.bytes.toString('utf8');
      expect(csvText.charCodeAt(0)).toBe(0xfeff);
      expect(csvText).toContain('\r\n');
      for (const c of claims.slice(1)) expect(csvText).toContain(c.name);
      expect(csvText).not.toContain(claims[0].name);
      const xlsx = await download('plaintiffs-xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const cells = workbook.worksheets[0].getSheetValues().flat().map(String);
      for (const c of claims.slice(1)) expect(cells).toContain(c.name);
      const pack = await download('proof-pack');
      expect(pack.name).toMatch(/\.zip$/);
      const entries = await zipEntries(pack.bytes);
      expect(entries.some((e) => e.endsWith('mandate.pdf'))).toBe(true);
      expect(entries).toContain('manifest.json');
      await keepScreenshot(page, 'staff-batch-exported');
      expect((await stack.query(`SELECT count(*)::int AS n FROM export_records WHERE finished_at IS NOT NULL`))[0].n).toBe(3);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('shows an auditor the access log with the attorney\'s reads and an intact chain', async () => {
    const auditorContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
    const page = await auditorContext.newPage();
    try {
      await signInAs(page, auditor);
      expect(new URL(page.url()).pathname).toBe('/staff/access-log');
      expect(await page.getAttribute('[data-testid="chain"]', 'class')).toContain('chain-ok');
      expect(await text(page, '[data-testid="chain-result"]')).toMatch(/^정상/);
      const rows = await page.locator('[data-testid="access-row"]').allInnerTexts();
      expect(rows.some((r) => r.includes('한지민') && r.includes('claim.review') && r.includes(claims[0].claimNumber))).toBe(true);
      // Never a claimant's name.
      for (const c of claims) expect(rows.join('\n')).not.toContain(c.name);
      await checkPage(page, 'access-log');
      // The auditor sees no claims.
      const denied = await page.goto(`${stack.baseUrl}/staff/claims`);
      expect(denied?.status()).toBe(403);
    } finally {
      await auditorContext.close();
    }
  }, 90_000);
});
