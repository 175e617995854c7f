import { CaseSeeder, DEMO_CASE_ID, DEMO_CASE_SLUG, DEMO_DEFINITION, DEMO_FIRM, DEMO_FIRM_ID } from '@app/cases';
import { FirmScope } from '@app/database';
import { ClaimsRepository } from '../../libs/claimants/src/claims.repository';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { PageClient, textOf } from '../support/page-client';
import { createStaff, csrfOf, type StaffMember, testIdText } from '../support/staff';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const FIRM_B = '0190f5a0-0000-7000-8000-0000000000bb';
const CASE_B = { id: '0190f5a0-0000-7000-8000-0000000000bc', slug: 'other-firm-case', definition: { ...DEMO_DEFINITION, slug: 'other-firm-case', claimPrefix: 'OF' } };
const DAY = 86_400_000;

/** YYYY-MM-DD in Seoul. */
const seoulDate = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
/** The Monday (Seoul) of the week `at` is in. */
const mondayOf = (at: Date) => {
  const local = new Date(at.getTime() + 9 * 3_600_000);
  return new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
};
const num = (html: string, id: string) => Number(testIdText(html, id).replace(/[^0-9]/g, ''));

/**
 * The dashboard and the weekly report, against claims filed through the API, screened by the
 * worker and moved on by staff: every figure on the page must match the claims themselves.
 */
describe('dashboard', () => {
  let stack: TestStack;
  let attorney: StaffMember;
  let paralegal: StaffMember;
  let auditor: StaffMember;
  let otherFirm: StaffMember;
  const ids: string[] = [];
  let backdated = '';

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
    await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: FIRM_B, slug: 'other-firm', nameKo: '법무법인 다른', nameEn: 'Other Law' }, [CASE_B]);
    [attorney, paralegal, auditor] = [await createStaff(stack.api, 'attorney'), await createStaff(stack.api, 'paralegal'), await createStaff(stack.api, 'auditor')];
    otherFirm = await createStaff(stack.api, 'attorney', { firmId: FIRM_B });

    // Four claims: three clean, one without the breach notice (asked for it by email).
    const bodies = [validClaim(), validClaim(), validClaim(), validClaim()];
    bodies[3].answers.noticeReceived = 'none';
    for (const body of bodies) {
      const res = await submitClaim(stack.api, body);
      expect(res.status).toBe(201);
      ids.push(res.body.claimId);
    }
    // Two in the other firm's case, which must never show in this firm's figures.
    for (const body of [validClaim(), validClaim()]) expect((await submitClaim(stack.api, body, {}, CASE_B.slug)).status).toBe(201);
    await waitFor('the claims to be screened', async () => {
      const [r] = await stack.query(`SELECT count(*)::int AS n FROM claims WHERE status IN ('screened','needs_information')`);
      return r.n === 6;
    }, 30_000);
    await waitFor('the deficiency notice to be sent', async () => {
      const [r] = await stack.query(`SELECT count(*)::int AS n FROM notifications WHERE claim_id = $1 AND template = 'claim-needs-information' AND status = 'sent'`, [ids[3]]);
      return r.n === 1;
    }, 30_000);

    // Staff move them on, through the one way statuses change (claim_events written).
    const claims = stack.api.get(ClaimsRepository);
    await stack.api.get(FirmScope).run(DEMO_FIRM_ID, async (tx) => {
      await claims.moveStatuses(tx, [{ claimId: ids[0], from: 'screened', to: 'approved' }, { claimId: ids[1], from: 'screened', to: 'rejected' }], 'staff:test', 'test');
      await claims.moveStatuses(tx, [{ claimId: ids[0], from: 'approved', to: 'filed' }], 'staff:test', 'test');
    });
    await stack.query(`INSERT INTO claim_decisions (firm_id, claim_id, staff_id, kind, reason) VALUES ($1, $2, $3, 'approve', 'test'), ($1, $4, $3, 'reject', 'test')`, [
      DEMO_FIRM_ID, ids[0], attorney.staffId, ids[1],
    ]);
    // A draft still being filled in (started, not submitted).
    await stack.query(
      `INSERT INTO claim_drafts (id, firm_id, case_id, email_hash, email_enc, locale, expires_at) VALUES (gen_random_uuid(), $1, $2, sha256('draft'::bytea), '\\x00', 'ko', now() + interval '1 day')`,
      [DEMO_FIRM_ID, DEMO_CASE_ID],
    );
    // One claim received eight days ago: last week, outside the last 48 hours.
    const eightDaysAgo = new Date(Date.now() - 8 * DAY);
    backdated = seoulDate(eightDaysAgo);
    await stack.query(`UPDATE claims SET created_at = $2 WHERE id = $1`, [ids[2], eightDaysAgo]);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('shows counts by status, verdict and flag, and the damages total, as the claims are', async () => {
    const page = await attorney.client.get(`/staff/dashboard?case=${DEMO_CASE_ID}`);
    expect(page.status).toBe(200);
    const claims = await stack.query<{ status: string; verdict: string | null; estimate_won: number | null; flagged: boolean }>(
      `SELECT status, verdict, estimate_won, open_flags > 0 OR review_flags <> '{}' AS flagged FROM claims WHERE case_id = $1`,
      [DEMO_CASE_ID],
    );
    expect(claims).toHaveLength(4);
    expect(num(page.body, 'total-claims')).toBe(4);
    for (const status of ['screened', 'needs_information', 'filed', 'rejected', 'approved', 'submitted']) {
      expect([status, num(page.body, `status-${status}`)]).toEqual([status, claims.filter((c) => c.status === status).length]);
    }
    expect(num(page.body, 'status-filed')).toBe(1);
    expect(num(page.body, 'verdict-eligible')).toBe(claims.filter((c) => c.verdict === 'eligible').length);
    expect(num(page.body, 'verdict-needs_information')).toBe(1);
    expect(num(page.body, 'flagged')).toBe(claims.filter((c) => c.flagged).length);
    const expected = claims.filter((c) => !['rejected', 'withdrawn'].includes(c.status)).reduce((sum, c) => sum + (c.estimate_won ?? 0), 0);
    expect(expected).toBeGreaterThan(0);
    expect(num(page.body, 'estimate-total')).toBe(expected);
  });

  it('shows the funnel from started to filed', async () => {
    const page = await paralegal.client.get(`/staff/dashboard?case=${DEMO_CASE_ID}`);
    expect(page.status).toBe(200);
    // 4 claims + 1 draft in progress; 3 passed screening (2 screened or further, 1 rejected after); 1 approved, now filed.
    expect(['started', 'submitted', 'screenedEligible', 'approved', 'filed'].map((s) => num(page.body, `funnel-${s}-count`))).toEqual([5, 4, 3, 1, 1]);
  });

  it('charts claims per day and per hour as SVG bars with a data table', async () => {
    const page = await attorney.client.get(`/staff/dashboard?case=${DEMO_CASE_ID}`);
    const perDay = testIdText(page.body, 'per-day-table');
    expect(textOf(perDay)).toContain(`${backdated} 1`);
    expect(textOf(perDay)).toContain(`${seoulDate(new Date())} 3`);
    expect(num(page.body, 'per-day-total')).toBe(4);
    // The backdated claim is outside the last 48 hours.
    expect(num(page.body, 'per-hour-total')).toBe(3);
    expect((perDay.match(/<tr><th scope="row">\d{4}-\d{2}-\d{2}</g) ?? []).length).toBe(30);
    expect(page.body).toMatch(/<svg class="bar-chart" role="img"/);
    expect(page.body).toMatch(new RegExp(`<rect class="bar" [^>]+><title>${backdated}: 1</title></rect>`));
    expect(page.body).not.toMatch(/style=/);
    // The case picker (the demo firm has two cases).
    expect(page.body).toContain(`<option value="${DEMO_CASE_ID}" selected>`);
  });

  it("keeps to the firm's own cases", async () => {
    expect((await attorney.client.get(`/staff/dashboard?case=${CASE_B.id}`)).status).toBe(404);
    expect((await attorney.client.get(`/staff/dashboard?case=not-a-uuid`)).status).toBe(404);
    const theirs = await otherFirm.client.get('/staff/dashboard');
    expect(theirs.status).toBe(200);
    expect(num(theirs.body, 'total-claims')).toBe(2);
    expect((await otherFirm.client.get(`/staff/dashboard?case=${DEMO_CASE_ID}`)).status).toBe(404);
  });

  it('is closed to auditors and to anyone signed out', async () => {
    expect((await auditor.client.get('/staff/dashboard')).status).toBe(403);
    expect((await auditor.client.get(`/staff/dashboard/weekly?case=${DEMO_CASE_ID}`)).status).toBe(403);
    expect((await new PageClient(stack.api).get('/staff/dashboard')).status).toBe(401);
  });

  it("reports the week's new claims, status changes, decisions and deficiency notices", async () => {
    const week = mondayOf(new Date());
    const page = await attorney.client.get(`/staff/dashboard/weekly?case=${DEMO_CASE_ID}&week=${week}`);
    expect(page.status).toBe(200);
    expect(num(page.body, 'week-new-claims')).toBe(3);
    const changes = textOf(testIdText(page.body, 'week-status-changes'));
    expect(changes).toContain('심사 완료 승인 1');
    expect(changes).toContain('승인 소 제기 1');
    expect(changes).toContain('심사 완료 기각 1');
    expect(num(page.body, 'decision-approve')).toBe(1);
    expect(num(page.body, 'decision-reject')).toBe(1);
    expect(num(page.body, 'week-notices')).toBe(1);
    expect(num(page.body, 'open-needsInformation')).toBe(1);
    expect(num(page.body, 'week-total-claims')).toBe(4);

    const lastWeek = new Date(new Date(`${week}T00:00:00+09:00`).getTime() - 7 * DAY);
    const previous = await attorney.client.get(`/staff/dashboard/weekly?case=${DEMO_CASE_ID}&week=${seoulDate(lastWeek)}`);
    expect(num(previous.body, 'week-new-claims')).toBe(1);
    expect(num(previous.body, 'week-notices')).toBe(0);
  });

  it('refuses a week that is not a Monday, beside the field', async () => {
    const week = mondayOf(new Date());
    const tuesday = seoulDate(new Date(new Date(`${week}T00:00:00+09:00`).getTime() + DAY));
    const page = await attorney.client.get(`/staff/dashboard/weekly?case=${DEMO_CASE_ID}&week=${tuesday}`);
    expect(page.status).toBe(400);
    expect(textOf(page.body)).toContain('주는 그 주 월요일의 날짜');
    const en = await attorney.client.get(`/staff/dashboard/weekly?case=${DEMO_CASE_ID}&week=2026-02-30&lang=en`);
    expect(en.status).toBe(400);
    expect(textOf(en.body)).toContain("Give the week as its Monday's date");
  });

  it('downloads the figures as CSV with a recorded reason, and no personal data', async () => {
    const week = mondayOf(new Date());
    const csrf = await csrfOf(attorney.client, `/staff/dashboard/weekly?case=${DEMO_CASE_ID}&week=${week}&lang=ko`);
    const refused = await attorney.client.post('/staff/dashboard/weekly/download', { _csrf: csrf, case: DEMO_CASE_ID, week, reason: '' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain('내려받는 사유를 적어 주세요');
    const csv = await attorney.client.post('/staff/dashboard/weekly/download', { _csrf: csrf, case: DEMO_CASE_ID, week, reason: '주간 회의 자료' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('새 신청,주간 합계,3');
    expect(csv.body).toContain('보완 요청 이메일 발송,발송,1');
    expect(csv.body).not.toMatch(/김민지|@example\.com|010-/);
    const records = await stack.query(`SELECT kind, reason, staff_id, rows FROM export_records WHERE kind = 'weekly-report'`);
    expect(records).toEqual([{ kind: 'weekly-report', reason: '주간 회의 자료', staff_id: attorney.staffId, rows: csv.body.trim().split('\r\n').length - 1 }]);
  });

  it('works in English', async () => {
    const page = await attorney.client.get(`/staff/dashboard?case=${DEMO_CASE_SLUG === 'coupang-2025' ? DEMO_CASE_ID : ''}&lang=en`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Claims per day (last 30 days, Korean time)');
  });
});
