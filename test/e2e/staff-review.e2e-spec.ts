import { CaseSeeder, DEMO_FIRM } from '@app/cases';
import { BulkDecideHandler } from '@app/claimants';
import { addDays, seoulToday } from '@app/eligibility';
import { submitClaim } from '../support/http';
import sharp from 'sharp';
import { PageClient, textOf } from '../support/page-client';
import { createStaff, csrfOf, type StaffMember } from '../support/staff';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { validClaim } from '../support/claim-fixture';

const OTHER_FIRM = '0190f5a0-0000-7000-8000-0000000000ee';

/**
 * The review work end to end through the console's pages, with a worker: the queue and its
 * filters, a claim's file (and its access-log record), each decision with its permission, its
 * refusals and its email, notes, and a bulk decision carried out by the job.
 */
describe('staff review', () => {
  let stack: TestStack;
  let attorney: StaffMember;
  let paralegal: StaffMember;
  let auditor: StaffMember;
  const claims: { id: string; claimNumber: string; email: string; phone: string; name: string }[] = [];

  async function fileClaim(name: string) {
    const body = validClaim({ name });
    const res = await submitClaim(stack.api, body);
    expect(res.status).toBe(201);
    return { id: res.body.claimId as string, claimNumber: res.body.claimNumber as string, email: body.claimant.email, phone: body.claimant.phone, name };
  }

  const statusOf = async (id: string) => (await stack.query(`SELECT status FROM claims WHERE id = $1`, [id]))[0].status as string;
  const screened = (id: string) => waitFor(`claim ${id} screened`, async () => (await statusOf(id)) === 'screened');

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
    attorney = await createStaff(stack.api, 'attorney', { name: '한변호' });
    paralegal = await createStaff(stack.api, 'paralegal', { name: '박직원' });
    auditor = await createStaff(stack.api, 'auditor');
    for (const name of ['김하나', '이둘', '박셋', '최넷']) claims.push(await fileClaim(name));
    for (const c of claims) await screened(c.id);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists a case\'s claims for reviewers, filters them, finds one by its number or email, and refuses a bad filter field by field', async () => {
    const all = await paralegal.client.get('/staff/claims');
    expect(all.status).toBe(200);
    for (const c of claims) expect(all.body).toContain(c.claimNumber);
    // No personal data in the queue.
    for (const c of claims) expect(all.body).not.toContain(c.name);
    expect(textOf(all.body)).toContain(`필터에 맞는 신청 ${claims.length}건`);

    const byNumber = await paralegal.client.get(`/staff/claims?q=${claims[1].claimNumber.toLowerCase()}`);
    expect(byNumber.body).toContain(claims[1].claimNumber);
    expect(byNumber.body).not.toContain(claims[0].claimNumber);
    const byEmail = await paralegal.client.get(`/staff/claims?q=${encodeURIComponent(claims[2].email.toUpperCase())}`);
    expect(byEmail.body).toContain(claims[2].claimNumber);
    expect(byEmail.body).not.toContain(claims[1].claimNumber);
    const byMobile = await paralegal.client.get(`/staff/claims?q=${encodeURIComponent(claims[3].phone.replace(/-/g, ' '))}`);
    expect(byMobile.body).toContain(claims[3].claimNumber);
    expect(byMobile.body).not.toContain(claims[2].claimNumber);

    const none = await paralegal.client.get('/staff/claims?status=approved');
    expect(textOf(none.body)).toContain('필터에 맞는 신청이 없습니다');

    const bad = await paralegal.client.get('/staff/claims?status=bogus&from=2026-02-30&sort=%27;drop');
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('상태 항목은 허용된 값 중 하나여야 합니다');
    expect(textOf(bad.body)).toContain('시작 날짜 항목은 YYYY-MM-DD 형식의 실제 날짜여야 합니다');
    const english = await paralegal.client.get('/staff/claims?status=bogus&lang=en');
    expect(textOf(english.body)).toContain('Status must be one of the allowed values');
    await paralegal.client.get('/staff/claims?lang=ko');

    // Keyset pages: two claims a page would need a smaller page; the first page links to the next only when there is one.
    expect(all.body).not.toContain('data-testid="next-page"');
    // An auditor sees no claims.
    expect((await auditor.client.get('/staff/claims')).status).toBe(403);
  });

  it('opens a claim\'s file with the claimant\'s details, each rule\'s reason and the estimate, and records the read', async () => {
    const [c] = claims;
    const before = await stack.query(`SELECT count(*)::int AS n FROM access_log WHERE actor_id = $1 AND action = 'claim.review'`, [paralegal.staffId]);
    const page = await paralegal.client.get(`/staff/claims/${c.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(c.name);
    expect(text).toContain(c.email);
    expect(text).toContain(c.claimNumber);
    expect(text).toContain('유출 통지를 받았다고 답했습니다');
    expect(text).toContain('청구 금액 산정');
    expect(text).toContain('claim-receipt');
    const after = await stack.query(`SELECT count(*)::int AS n, max(reason) AS reason FROM access_log WHERE actor_id = $1 AND action = 'claim.review'`, [paralegal.staffId]);
    expect(after[0].n).toBe(before[0].n + 1);
    expect(after[0].reason).toBe('claim review');
    // A paralegal may not approve: the form is not there, and the route refuses.
    expect(page.body).not.toContain('data-testid="approve"');
    const csrf = await csrfOf(paralegal.client);
    expect((await paralegal.client.post(`/staff/claims/${c.id}/approve`, { _csrf: csrf })).status).toBe(403);
    expect(await statusOf(c.id)).toBe('screened');
    // Not a claim id, and no such claim.
    expect((await paralegal.client.get('/staff/claims/not-a-uuid')).status).toBe(400);
    expect((await paralegal.client.get('/staff/claims/0190f5a0-0000-7000-8000-00000000dead')).status).toBe(404);
  });

  it('asks a claimant for information: refused without items or with a deadline out of range, then emailed with the items and deadline', async () => {
    const c = claims[0];
    const csrf = await csrfOf(paralegal.client);
    const decisions = async () => (await stack.query(`SELECT count(*)::int AS n FROM claim_decisions WHERE claim_id = $1`, [c.id]))[0].n as number;
    const empty = await paralegal.client.post(`/staff/claims/${c.id}/request-information`, { _csrf: csrf, cureBy: addDays(seoulToday(), 30) });
    expect(empty.status).toBe(400);
    expect(textOf(empty.body)).toContain('요청할 자료를 하나 이상 골라 주세요');
    const late = await paralegal.client.post(`/staff/claims/${c.id}/request-information`, { _csrf: csrf, items: 'breach-notice', cureBy: addDays(seoulToday(), 200), lang: 'en' });
    expect(late.status).toBe(400);
    expect(textOf(late.body)).toContain('between 7 and 90 days');
    await paralegal.client.get('/staff/claims?lang=ko');
    const unknown = await paralegal.client.post(`/staff/claims/${c.id}/request-information`, { _csrf: csrf, items: '<script>', cureBy: addDays(seoulToday(), 30) });
    expect(unknown.status).toBe(400);
    expect(unknown.body).not.toContain('<script>');
    expect(await decisions()).toBe(0);
    expect(await statusOf(c.id)).toBe('screened');

    const cureBy = addDays(seoulToday(), 21);
    const asked = await paralegal.client.post(`/staff/claims/${c.id}/request-information`, { _csrf: csrf, items: 'breach-notice', cureBy });
    expect(asked.status).toBe(303);
    expect(asked.location).toBe(`/staff/claims/${c.id}?done=request_information`);
    expect(await statusOf(c.id)).toBe('needs_information');
    expect(await decisions()).toBe(1);
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`추가 자료가 필요합니다 (${c.claimNumber})`));
    expect(mail.text).toContain('유출 통지(문자, 이메일, 앱 화면) 캡처');
    expect(mail.text).toContain(`제출 기한: ${cureBy}`);
    const [latest] = await stack.query(`SELECT trigger, verdict, cure_by::text AS "cureBy", deficiencies FROM claim_assessments WHERE claim_id = $1 ORDER BY id DESC LIMIT 1`, [c.id]);
    expect(latest).toMatchObject({ trigger: 'staff-request', verdict: 'needs_information', cureBy });
    expect(latest.deficiencies).toEqual([{ rule: 'staff-request', item: 'breach-notice' }]);
    // The timeline shows the decision and the email.
    const file = textOf((await paralegal.client.get(asked.location!)).body);
    expect(file).toContain('보완을 요청했습니다');
    expect(file).toContain('보완 요청 · 박직원');
  });

  it('approves once (a second approval is a conflict), and the claimant is emailed', async () => {
    const c = claims[1];
    const csrf = await csrfOf(attorney.client);
    const approved = await attorney.client.post(`/staff/claims/${c.id}/approve`, { _csrf: csrf });
    expect(approved.status).toBe(303);
    expect(await statusOf(c.id)).toBe('approved');
    await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`승인되었습니다 (${c.claimNumber})`));
    const again = await attorney.client.post(`/staff/claims/${c.id}/approve`, { _csrf: csrf });
    expect(again.status).toBe(409);
    expect(textOf(again.body)).toContain('지금 상태에서 그 결정을 할 수 없습니다');
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM claim_decisions WHERE claim_id = $1 AND kind = 'approve'`, [c.id]);
    expect(n).toBe(1);
    const [{ events }] = await stack.query(`SELECT count(*)::int AS events FROM claim_events WHERE claim_id = $1 AND to_status = 'approved' AND actor = $2`, [c.id, `staff:${attorney.staffId}`]);
    expect(events).toBe(1);
    // Without the form token the decision is refused, whatever the role.
    expect((await attorney.client.post(`/staff/claims/${claims[2].id}/approve`, {})).status).toBe(403);
  });

  it('overrides an amount only within the case\'s bounds and with a reason, and rejects with a reason the claimant reads', async () => {
    const c = claims[2];
    const csrf = await csrfOf(attorney.client);
    const low = await attorney.client.post(`/staff/claims/${c.id}/override`, { _csrf: csrf, amountWon: '50000', reason: '근거' });
    expect(low.status).toBe(400);
    expect(textOf(low.body)).toContain('금액은 이 소송의 청구 범위 안이어야 합니다');
    const noReason = await attorney.client.post(`/staff/claims/${c.id}/override`, { _csrf: csrf, amountWon: '250,000' });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.body)).toContain('사유를 입력해 주세요');
    const junk = await attorney.client.post(`/staff/claims/${c.id}/override`, { _csrf: csrf, amountWon: '1e9', reason: 'x' });
    expect(junk.status).toBe(400);
    const set = await attorney.client.post(`/staff/claims/${c.id}/override`, { _csrf: csrf, amountWon: '280,000', reason: '문자 피싱 피해 확인' });
    expect(set.status).toBe(303);
    expect((await stack.query(`SELECT estimate_won, estimate_override_won FROM claims WHERE id = $1`, [c.id]))[0]).toEqual({ estimate_won: 280000, estimate_override_won: 280000 });
    const amountMail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`청구 금액이 조정되었습니다 (${c.claimNumber})`));
    expect(amountMail.text).toContain('280,000원');

    const bare = await attorney.client.post(`/staff/claims/${c.id}/reject`, { _csrf: csrf, code: 'other' });
    expect(bare.status).toBe(400);
    expect(textOf(bare.body)).toContain('사유를 입력해 주세요');
    expect(await statusOf(c.id)).toBe('screened');
    const rejected = await attorney.client.post(`/staff/claims/${c.id}/reject`, { _csrf: csrf, code: 'duplicate', reason: '같은 휴대전화로 먼저 접수된 신청이 있습니다.' });
    expect(rejected.status).toBe(303);
    expect(await statusOf(c.id)).toBe('rejected');
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`검토 결과 (${c.claimNumber})`));
    expect(mail.text).toContain('중복 신청으로 처리했습니다');
    expect(mail.text).toContain('같은 휴대전화로 먼저 접수된 신청이 있습니다.');
  });

  it('keeps internal notes sealed, and assigns claims to a reviewer the queue can filter by', async () => {
    const c = claims[3];
    const csrf = await csrfOf(paralegal.client);
    expect((await paralegal.client.post(`/staff/claims/${c.id}/notes`, { _csrf: csrf, body: '  ' })).status).toBe(400);
    expect((await paralegal.client.post(`/staff/claims/${c.id}/notes`, { _csrf: csrf, body: '통화함: 통지 문자를 다시 보내기로 함' })).status).toBe(303);
    const [note] = await stack.query(`SELECT body_enc FROM claim_notes WHERE claim_id = $1`, [c.id]);
    expect(Buffer.from(note.body_enc).toString('utf8')).not.toContain('통화함');
    expect(textOf((await attorney.client.get(`/staff/claims/${c.id}`)).body)).toContain('통화함: 통지 문자를 다시 보내기로 함');

    const wrong = await paralegal.client.post(`/staff/claims/${c.id}/assign`, { _csrf: csrf, assigneeId: auditor.staffId });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.body)).toContain('담당자는 이 법인의 변호사나 직원이어야 합니다');
    expect((await paralegal.client.post(`/staff/claims/${c.id}/assign`, { _csrf: csrf, assigneeId: 'me' })).status).toBe(303);
    const mine = await paralegal.client.get('/staff/claims?assignee=me');
    expect(mine.body).toContain(c.claimNumber);
    expect(mine.body).not.toContain(claims[0].claimNumber);
    expect(textOf(mine.body)).toContain('필터에 맞는 신청 1건');
  });

  it('shows the claimant\'s evidence only through the API, each opening written to the access log', async () => {
    const c = claims[3];
    const receipt = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(c.claimNumber));
    const token = new URL(/(http:\/\/claims\.test\/status\?token=\S+)/.exec(receipt.text ?? '')![1]).searchParams.get('token')!;
    const png = await sharp({ create: { width: 360, height: 720, channels: 3, background: '#f5f5f5' } }).png().toBuffer();
    const claimant = new PageClient(stack.api);
    const uploaded = await claimant.upload('/status/evidence', { token, kind: 'breach_notice', lang: 'ko' }, { name: 'notice.png', type: 'image/png', bytes: png });
    expect(uploaded.status).toBe(303);
    const file = await waitFor('the thumbnail', async () => (await stack.query(`SELECT id FROM evidence_files WHERE owner_id = $1 AND thumbnail_key IS NOT NULL`, [c.id]))[0]);
    // The upload is a new fact: wait for its assessment to settle before reading the file.
    await waitFor('the claim assessed again', async () => (await stack.query(`SELECT count(*)::int AS n FROM claim_assessments WHERE claim_id = $1`, [c.id]))[0].n === 2);

    const page = await attorney.client.get(`/staff/claims/${c.id}`);
    expect(page.body).toContain(`src="/staff/claims/${c.id}/evidence/${file.id}/thumbnail"`);
    const logged = async (action: string) => (await stack.query(`SELECT count(*)::int AS n FROM access_log WHERE actor_id = $1 AND action = $2`, [attorney.staffId, action]))[0].n as number;
    const thumbnail = await stack.api.inject({ method: 'GET', url: `/staff/claims/${c.id}/evidence/${file.id}/thumbnail`, headers: { cookie: [...attorney.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
    expect(thumbnail.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(thumbnail.headers['cache-control']).toBe('no-store');
    expect(await logged('evidence.thumbnail')).toBe(1);
    const original = await stack.api.inject({ method: 'GET', url: `/staff/claims/${c.id}/evidence/${file.id}/original`, headers: { cookie: [...attorney.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect((await sharp(original.rawPayload).metadata()).width).toBe(360);
    expect(await logged('evidence.original')).toBe(1);
    // Another claim's path to the same file, an unknown file, a word that is not a rendition: nothing.
    expect((await attorney.client.get(`/staff/claims/${claims[0].id}/evidence/${file.id}/original`)).status).toBe(404);
    expect((await attorney.client.get(`/staff/claims/${c.id}/evidence/${file.id}/raw`)).status).toBe(404);
    // Without a session, the sign-in page and not a byte.
    const anonymous = await new PageClient(stack.api).get(`/staff/claims/${c.id}/evidence/${file.id}/original`);
    expect(anonymous.status).toBe(401);
  });

  it('decides in bulk over a filter: the count is confirmed, a changed count is refused, and the job approves each claim it may, once', async () => {
    const more = [await fileClaim('정다섯'), await fileClaim('강여섯')];
    for (const c of more) await waitFor(`claim ${c.id} assessed`, async () => (await statusOf(c.id)) !== 'submitted');
    // Open now: the claim waiting for information (which approval skips), the assigned one and the two new ones.
    const open = (await stack.query(`SELECT id, status FROM claims WHERE status IN ('submitted','screened','needs_information','manual_review') ORDER BY created_at`)) as { id: string; status: string }[];
    expect(open.map((o) => o.id)).toEqual([claims[0].id, claims[3].id, ...more.map((m) => m.id)]);
    // The flagged filter lists exactly the claims a staff-only signal or an open flag holds.
    const flagged = (await stack.query(`SELECT claim_number AS n FROM claims WHERE open_flags > 0 OR review_flags <> '{}'`)).map((r: { n: string }) => r.n);
    expect(flagged.length).toBeGreaterThan(0);
    const flaggedPage = await attorney.client.get('/staff/claims?flag=any');
    const listed = [...flaggedPage.body.matchAll(/data-claim="([^"]+)"/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(flagged.sort());

    // Paralegals may not approve in bulk.
    expect((await paralegal.client.get('/staff/claims/bulk?case=coupang-2025&kind=approve&status=open')).status).toBe(403);
    const confirm = await attorney.client.get('/staff/claims/bulk?case=coupang-2025&kind=approve&status=open');
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.body)).toContain('대상: 지금 필터에 맞는 신청 4건');
    const csrf = await csrfOf(attorney.client);
    const stale = await attorney.client.post('/staff/claims/bulk', { _csrf: csrf, case: 'coupang-2025', kind: 'approve', status: 'open', expected: '5' });
    expect(stale.status).toBe(409);
    expect(textOf(stale.body)).toContain('대상 신청 수가 바뀌었습니다');
    expect((await stack.query(`SELECT count(*)::int AS n FROM bulk_jobs`))[0].n).toBe(0);

    const run = await attorney.client.post('/staff/claims/bulk', { _csrf: csrf, case: 'coupang-2025', kind: 'approve', status: 'open', expected: '4' });
    expect(run.status).toBe(303);
    const progressUrl = run.location!;
    expect(progressUrl).toMatch(/^\/staff\/claims\/bulk\/[0-9a-f-]{36}$/);
    await waitFor('the bulk job to finish', async () => (await attorney.client.get(progressUrl)).body.includes('data-status="done"'));
    const progress = textOf((await attorney.client.get(progressUrl)).body);
    expect(progress).toContain('3건 처리 · 1건 건너뜀 · 전체 4건');
    for (const id of [claims[3].id, ...more.map((m) => m.id)]) expect(await statusOf(id)).toBe('approved');
    expect(await statusOf(claims[0].id)).toBe('needs_information');
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM claim_decisions WHERE bulk_job_id IS NOT NULL`);
    expect(n).toBe(3);
    for (const c of more) await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`승인되었습니다 (${c.claimNumber})`));

    // Running the job again (a retry) decides nothing twice and sends nothing twice.
    const [job] = await stack.query(`SELECT id FROM bulk_jobs`);
    await stack.query(`UPDATE bulk_jobs SET status = 'running' WHERE id = $1`, [job.id]);
    await stack.query(`UPDATE bulk_job_items SET outcome = NULL WHERE job_id = $1`, [job.id]);
    await stack.worker!.get(BulkDecideHandler).handle({ jobId: job.id, firmId: attorney.firmId });
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_decisions WHERE bulk_job_id IS NOT NULL`))[0].n).toBe(3);
    expect((await stack.query(`SELECT count(*)::int AS n FROM notifications WHERE template = 'claim-approved'`))[0].n).toBe(4);
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_events WHERE to_status = 'approved'`))[0].n).toBe(4);

    // An empty selection and an unknown decision are refused before anything is written.
    const emptySel = await attorney.client.post('/staff/claims/bulk', { _csrf: csrf, case: 'coupang-2025', kind: 'approve', status: 'screened', expected: '0' });
    expect(emptySel.status).toBe(422);
    const badKind = await attorney.client.post('/staff/claims/bulk', { _csrf: csrf, case: 'coupang-2025', kind: 'override', expected: '1' });
    expect(badKind.status).toBe(400);
    expect((await stack.query(`SELECT count(*)::int AS n FROM bulk_jobs`))[0].n).toBe(1);
  });

  it('offers the queue, the file and decisions as JSON with the same permissions, token and field errors', async () => {
    const c = claims[0];
    expect((await new PageClient(stack.api).json('GET', '/api/staff/claims')).status).toBe(401);
    const page = await attorney.client.json('GET', '/api/staff/claims?case=coupang-2025&sort=received_asc');
    expect(page.status).toBe(200);
    const listed = JSON.parse(page.body);
    expect(listed.rows.map((r: { claimNumber: string }) => r.claimNumber).slice(0, 4)).toEqual(claims.map((k) => k.claimNumber));
    expect(listed.count).toBeGreaterThanOrEqual(4);
    expect(page.body).not.toContain(claims[0].name);
    const bad = await attorney.client.json('GET', '/api/staff/claims?verdict=maybe', undefined, { 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).errors).toEqual([{ field: 'verdict', code: 'isIn', message: expect.stringContaining('Verdict') }]);

    const file = await paralegal.client.json('GET', `/api/staff/claims/${c.id}`);
    expect(file.status).toBe(200);
    expect(JSON.parse(file.body).claimant.name).toBe(c.name);

    const csrf = await csrfOf(paralegal.client);
    const url = `/api/staff/claims/${c.id}/decisions`;
    expect((await paralegal.client.json('POST', url, { kind: 'resolve_flags' })).status).toBe(403);
    expect((await paralegal.client.json('POST', url, { kind: 'approve' }, { 'x-csrf-token': csrf })).status).toBe(403);
    const wrong = await paralegal.client.json('POST', url, { kind: 'request_information', items: 'breach-notice', cureBy: 20261231, extra: 1 }, { 'x-csrf-token': csrf });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.body).errors.map((e: { field: string }) => e.field).sort()).toEqual(['cureBy', 'extra', 'items']);
    const asked = await paralegal.client.json('POST', url, { kind: 'request_information', items: ['answer:voucherUsed'], cureBy: addDays(seoulToday(), 14) }, { 'x-csrf-token': csrf });
    expect(asked.status).toBe(204);
    const [latest] = await stack.query(`SELECT deficiencies FROM claim_assessments WHERE claim_id = $1 ORDER BY id DESC LIMIT 1`, [c.id]);
    expect(latest.deficiencies).toEqual([{ rule: 'staff-request', item: 'breach-notice' }, { rule: 'staff-request', item: 'answer:voucherUsed' }]);
  });

  it('shows another firm\'s staff none of this firm\'s claims', async () => {
    await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: OTHER_FIRM, slug: 'other-firm', nameKo: '법무법인 다른', nameEn: 'Other Law' }, []);
    const outsider = await createStaff(stack.api, 'attorney', { firmId: OTHER_FIRM });
    const queue = await outsider.client.get('/staff/claims');
    expect(queue.status).toBe(200);
    for (const c of claims) expect(queue.body).not.toContain(c.claimNumber);
    expect((await outsider.client.get(`/staff/claims/${claims[0].id}`)).status).toBe(404);
    expect((await outsider.client.get('/staff/claims?case=coupang-2025')).status).toBe(404);
    const csrf = await csrfOf(outsider.client);
    expect((await outsider.client.post(`/staff/claims/${claims[0].id}/request-information`, { _csrf: csrf, items: 'breach-notice', cureBy: addDays(seoulToday(), 30) })).status).toBe(404);
    expect((await stack.query(`SELECT count(*)::int AS n FROM claim_decisions WHERE staff_id = $1`, [outsider.staffId]))[0].n).toBe(0);
  });
});
