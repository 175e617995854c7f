import { AccessLog, VerifyChainHandler } from '@app/audit';
import { waitFor } from '../support/wait-for';
import { CaseSeeder, DEMO_DEFINITION, DEMO_FIRM, DEMO_FIRM_ID } from '@app/cases';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { PageClient, textOf } from '../support/page-client';
import { createStaff, csrfOf, type StaffMember, testIdText } from '../support/staff';
import { TestStack } from '../support/test-app';

const FIRM_B = '0190f5a0-0000-7000-8000-0000000000bb';
const CASE_B = { id: '0190f5a0-0000-7000-8000-0000000000bc', slug: 'other-firm-case', definition: { ...DEMO_DEFINITION, slug: 'other-firm-case', claimPrefix: 'OF' } };

/** This month in Seoul, YYYY-MM. */
const thisMonth = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
const rowsOf = (html: string) => (html.match(/data-testid="access-row"/g) ?? []).length;

/**
 * The auditor's access log page: the records filtered by staff member and by claim, the chain's
 * verification (intact, then broken by an edit made with the owner's rights), the monthly review
 * recorded once, the download with its reason, and nothing of another firm.
 */
describe('access log page', () => {
  let stack: TestStack;
  let auditor: StaffMember;
  let kim: StaffMember;
  let lee: StaffMember;
  let otherAuditor: StaffMember;
  const claims: { claimNumber: string; claimantId: string }[] = [];
  let otherClaimNumber = '';

  beforeAll(async () => {
    stack = await TestStack.start();
    await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: FIRM_B, slug: 'other-firm', nameKo: '법무법인 다른', nameEn: 'Other Law' }, [CASE_B]);
    auditor = await createStaff(stack.api, 'auditor', { name: '감사인' });
    kim = await createStaff(stack.api, 'attorney', { name: '김변호' });
    lee = await createStaff(stack.api, 'paralegal', { name: '이직원' });
    otherAuditor = await createStaff(stack.api, 'auditor', { firmId: FIRM_B });
    for (const name of ['박비밀', '최비밀']) {
      const res = await submitClaim(stack.api, validClaim({ name }));
      expect(res.status).toBe(201);
      const [row] = await stack.query(`SELECT claimant_id FROM claims WHERE id = $1`, [res.body.claimId]);
      claims.push({ claimNumber: res.body.claimNumber, claimantId: row.claimant_id });
    }
    const other = await submitClaim(stack.api, validClaim(), {}, CASE_B.slug);
    otherClaimNumber = other.body.claimNumber;
    const [otherClaimant] = await stack.query(`SELECT claimant_id FROM claims WHERE id = $1`, [other.body.claimId]);
    // Staff reads, recorded as the one door to personal data records them.
    const log = stack.api.get(AccessLog);
    await log.record(DEMO_FIRM_ID, { accessor: { kind: 'staff', staffId: kim.staffId, ip: '203.0.113.7', reason: '서류 검토' }, action: 'claimant.read', subjects: [claims[0].claimantId], fields: ['name', 'phone'] });
    await log.record(DEMO_FIRM_ID, { accessor: { kind: 'staff', staffId: lee.staffId, ip: '203.0.113.8', reason: '보완 확인' }, action: 'claimant.read', subjects: [claims[1].claimantId], fields: ['email'] });
    await log.record(DEMO_FIRM_ID, { accessor: { kind: 'staff', staffId: kim.staffId, ip: '203.0.113.7', reason: '=cmd|calc' }, action: 'claims.export', subjects: [claims[1].claimantId], fields: ['name'] });
    await log.record(FIRM_B, { accessor: { kind: 'staff', staffId: otherAuditor.staffId, ip: '198.51.100.1', reason: '다른 법인 열람' }, action: 'claimant.read', subjects: [otherClaimant.claimant_id], fields: ['name'] });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('shows every record with the five fields, identifiers only, and the chain intact', async () => {
    const page = await auditor.client.get('/staff/access-log');
    expect(page.status).toBe(200);
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM access_log WHERE firm_id = $1`, [DEMO_FIRM_ID]);
    expect(rowsOf(page.body)).toBe(Math.min(n, 50));
    const text = textOf(testIdText(page.body, 'access-log'));
    expect(text).toContain(`김변호 <${kim.email}>`);
    expect(text).toContain('203.0.113.7');
    expect(text).toContain(claims[0].claimNumber);
    expect(text).toContain('claimant.read');
    expect(text).toContain('서류 검토');
    // Whose data by number and id, never by name.
    expect(page.body).not.toMatch(/박비밀|최비밀/);
    expect(page.body).not.toContain('다른 법인 열람');
    expect(textOf(testIdText(page.body, 'chain-result'))).toContain(`정상 — 정상: 기록 ${n}건의 해시 체인이 끊김 없이 이어집니다.`);
  });

  it('filters by staff member, by claim number and by claimant id', async () => {
    const byKim = await auditor.client.get(`/staff/access-log?staff=${kim.staffId}`);
    expect(rowsOf(byKim.body)).toBe(2);
    expect(textOf(testIdText(byKim.body, 'access-log'))).not.toContain(lee.email);
    const byClaim = await auditor.client.get(`/staff/access-log?claim=${claims[1].claimNumber.toLowerCase()}`);
    expect(byClaim.status).toBe(200);
    const subjects = [...byClaim.body.matchAll(/data-testid="subject">([^<]+)</g)].map((m) => m[1]);
    expect(subjects.length).toBeGreaterThanOrEqual(2);
    expect(new Set(subjects)).toEqual(new Set([claims[1].claimNumber]));
    const both = await auditor.client.get(`/staff/access-log?claimant=${claims[1].claimantId}&staff=${kim.staffId}&action=claims.export`);
    expect(rowsOf(both.body)).toBe(1);
    const none = await auditor.client.get('/staff/access-log?from=2020-01-01&to=2020-01-31');
    expect(rowsOf(none.body)).toBe(0);
    expect(none.body).toContain('data-testid="access-log-empty"');
  });

  it('refuses bad filters beside their fields, and a claim of another firm as unknown', async () => {
    const bad = await auditor.client.get('/staff/access-log?claimant=nope&from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('신청인 ID는 UUID 형식');
    expect(textOf(bad.body)).toContain('시작 날짜 항목은 YYYY-MM-DD 형식의 실제 날짜여야 합니다');
    const foreign = await auditor.client.get(`/staff/access-log?claim=${otherClaimNumber}`);
    expect(foreign.status).toBe(404);
    expect(textOf(foreign.body)).toContain('이 신청 번호의 신청이 없습니다');
    expect(rowsOf(foreign.body)).toBe(0);
  });

  it("shows another firm's auditor only that firm's records", async () => {
    const theirs = await otherAuditor.client.get('/staff/access-log');
    expect(theirs.status).toBe(200);
    expect(textOf(theirs.body)).toContain('다른 법인 열람');
    expect(theirs.body).not.toContain(claims[0].claimNumber);
    expect(theirs.body).not.toContain(kim.email);
  });

  it('is for auditors only', async () => {
    expect((await kim.client.get('/staff/access-log')).status).toBe(403);
    expect((await lee.client.get('/staff/access-log')).status).toBe(403);
    expect((await new PageClient(stack.api).get('/staff/access-log')).status).toBe(401);
  });

  it('downloads the filtered log as CSV with the reason recorded', async () => {
    const csrf = await csrfOf(auditor.client, '/staff/access-log');
    const refused = await auditor.client.post('/staff/access-log/download', { _csrf: csrf, staff: kim.staffId, reason: '' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain('내려받는 사유를 적어 주세요');
    const csv = await auditor.client.post('/staff/access-log/download', { _csrf: csrf, staff: kim.staffId, reason: '월간 점검' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(kim.email);
    // A reason that looks like a formula is defused for spreadsheets.
    expect(csv.body).toContain("'=cmd|calc");
    expect(csv.body).not.toMatch(/박비밀|최비밀/);
    const records = await stack.query(`SELECT kind, reason, staff_id, rows FROM export_records WHERE kind = 'access-log'`);
    expect(records).toEqual([{ kind: 'access-log', reason: '월간 점검', staff_id: auditor.staffId, rows: 2 }]);
  });

  it("records this month's review once, with the chain's state", async () => {
    const csrf = await csrfOf(auditor.client, '/staff/access-log');
    const empty = await auditor.client.post('/staff/access-log/reviews', { _csrf: csrf, month: thisMonth(), findings: '' });
    expect(empty.status).toBe(400);
    expect(textOf(empty.body)).toContain('점검 결과 항목을 입력해 주세요');
    const old = await auditor.client.post('/staff/access-log/reviews', { _csrf: csrf, month: '2020-01', findings: '이상 없음' });
    expect(old.status).toBe(400);
    expect(textOf(old.body)).toContain('점검할 달은 이번 달이나 지난달이어야 합니다');

    const done = await auditor.client.post('/staff/access-log/reviews', { _csrf: csrf, month: thisMonth(), findings: '이상 없음. 야간 열람 없음.' });
    expect(done.status).toBe(200);
    expect(testIdText(done.body, 'flash')).toContain(`${thisMonth()} 점검을 기록했습니다`);
    const row = textOf(testIdText(done.body, `review-${thisMonth()}`));
    expect(row).toContain('감사인');
    expect(row).toContain('이상 없음. 야간 열람 없음.');
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM access_log WHERE firm_id = $1`, [DEMO_FIRM_ID]);
    const [{ hash }] = await stack.query(`SELECT encode(hash, 'hex') AS hash FROM access_log WHERE firm_id = $1 ORDER BY chain_seq DESC LIMIT 1`, [DEMO_FIRM_ID]);
    expect(await stack.query(`SELECT rows, chain_ok, chain_head, reviewed_by FROM access_reviews WHERE firm_id = $1`, [DEMO_FIRM_ID])).toEqual([
      { rows: n, chain_ok: true, chain_head: hash, reviewed_by: auditor.staffId },
    ]);

    const again = await auditor.client.post('/staff/access-log/reviews', { _csrf: csrf, month: thisMonth(), findings: '다시' });
    expect(again.status).toBe(409);
    expect(textOf(again.body)).toContain('이미 기록되었습니다');
    expect(await stack.query(`SELECT count(*)::int AS n FROM access_reviews`)).toEqual([{ n: 1 }]);
    // The other firm's month is still open.
    expect((await otherAuditor.client.get('/staff/access-log')).body).toContain(`data-testid="review-${thisMonth()}"`);
    expect(textOf(testIdText((await otherAuditor.client.get('/staff/access-log')).body, `review-${thisMonth()}`))).toContain('점검 안 함');
  });

  it('pages the log by keyset, each record once', async () => {
    const log = stack.api.get(AccessLog);
    for (let i = 0; i < 60; i++) {
      await log.record(DEMO_FIRM_ID, { accessor: { kind: 'staff', staffId: lee.staffId, ip: '203.0.113.9', reason: `page ${i}` }, action: 'claimant.read', subjects: [claims[0].claimantId], fields: ['name'] });
    }
    const first = await auditor.client.get(`/staff/access-log?staff=${lee.staffId}`);
    expect(rowsOf(first.body)).toBe(50);
    const next = /data-testid="next-page"/.test(first.body) ? /href="([^"]+)" data-testid="next-page"/.exec(first.body)![1].replace(/&amp;/g, '&') : '';
    expect(next).toContain(`staff=${lee.staffId}`);
    const second = await auditor.client.get(next);
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM access_log WHERE actor_type = 'staff' AND actor_id = $1`, [lee.staffId]);
    expect(n).toBeGreaterThan(60);
    expect(rowsOf(second.body)).toBe(n - 50);
    expect(second.body).not.toContain('data-testid="next-page"');
    const pages = (html: string) => [...textOf(testIdText(html, 'access-log')).matchAll(/page (\d+)/g)].map((m) => Number(m[1]));
    const seen = [...pages(first.body), ...pages(second.body)];
    // Newest first, every one of the 60 exactly once across the two pages.
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
  });

  it('shows the chain broken, naming the row, after a record is edited behind the log', async () => {
    const [victim] = await stack.query(`SELECT id::text, chain_seq::text AS seq FROM access_log WHERE firm_id = $1 AND reason = '보완 확인'`, [DEMO_FIRM_ID]);
    await stack.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update`);
    try {
      await stack.query(`UPDATE access_log SET reason = '아무 일 없음' WHERE id = $1`, [victim.id]);
    } finally {
      await stack.query(`ALTER TABLE access_log ENABLE TRIGGER access_log_no_update`);
    }
    // The page checks the rows since its last verified head, after the edited one: it cannot see the edit.
    const visit = await auditor.client.get('/staff/access-log');
    expect(visit.body).toContain('class="chain chain-ok"');
    expect(textOf(testIdText(visit.body, 'chain-result'))).toMatch(/정상: .+에 확인한 체인 순번 \d+의 기록이 그대로 있고/);
    // The full recomputation finds it, and the page keeps showing its break from then on.
    const csrf = await csrfOf(auditor.client, '/staff/access-log');
    const verified = await auditor.client.post('/staff/access-log/verify', { _csrf: csrf });
    expect(verified.status).toBe(200);
    expect(verified.body).toContain('전체 재계산을 요청했습니다.');
    expect(textOf(testIdText(verified.body, 'chain-running'))).toContain('전체 재계산 중');
    expect(verified.body).not.toContain('data-testid="verify-all"');
    // The worker's job, run here: it walks the chain from its first row.
    const [run] = await stack.query(`SELECT id FROM access_log_verifications WHERE firm_id = $1 AND kind = 'full' AND status = 'running'`, [DEMO_FIRM_ID]);
    await stack.api.get(VerifyChainHandler).handle({ verificationId: run.id, firmId: DEMO_FIRM_ID });
    const page = await auditor.client.get('/staff/access-log');
    expect(page.status).toBe(200);
    expect(page.body).toContain('class="chain chain-broken"');
    expect(textOf(testIdText(page.body, 'chain-full'))).toMatch(/정상: .+에 확인한 체인 순번/);
    const result = textOf(testIdText(page.body, 'chain-result'));
    expect(result.trim()).toMatch(/^이상 — 전체 재계산 \(.+, 감사인\): /);
    expect(result).toContain(`이상 발견 — 기록 id ${victim.id} (체인 순번 ${victim.seq})에서 체인이 끊겼습니다`);
    expect(result).toContain('기록 내용이 해시와 맞지 않음');
    const en = await auditor.client.get('/staff/access-log?lang=en');
    expect(textOf(testIdText(en.body, 'chain-result'))).toContain(`BROKEN at record id ${victim.id}`);
    // The other firm's chain is untouched.
    expect((await otherAuditor.client.get('/staff/access-log')).body).toContain('class="chain chain-ok"');
  });

  it('has the worker carry out a requested full recomputation, through the outbox and the audit queue', async () => {
    await stack.startWorker({ WORKER_QUEUES: 'audit' });
    try {
      const csrf = await csrfOf(auditor.client, '/staff/access-log');
      expect((await auditor.client.post('/staff/access-log/verify', { _csrf: csrf, lang: 'en' })).status).toBe(200);
      const [run] = await stack.query(`SELECT id FROM access_log_verifications WHERE firm_id = $1 AND kind = 'full' ORDER BY requested_at DESC LIMIT 1`, [DEMO_FIRM_ID]);
      await waitFor('the worker to finish the recomputation', async () => (await stack.query(`SELECT status FROM access_log_verifications WHERE id = $1`, [run.id]))[0].status === 'done', 30_000);
      const page = await auditor.client.get('/staff/access-log?lang=en');
      // The chain was edited in the test before: the worker's recomputation finds it again.
      expect(textOf(testIdText(page.body, 'chain-result'))).toMatch(/Full recomputation \(.+, 감사인\): BROKEN at record id \d+/);
      expect(page.body).toContain('data-testid="verify-all"');
    } finally {
      await stack.stopWorker();
    }
  });
});
