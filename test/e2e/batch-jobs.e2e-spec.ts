import { DEMO_CASE_ID, DEMO_FIRM_ID } from '@app/cases';
import { BatchWorkHandler } from '@app/filing';
import { approvedClaims, type ApprovedClaim } from '../support/filing';
import { PageClient, textOf } from '../support/page-client';
import { createStaff, csrfOf, type StaffMember, testIdText } from '../support/staff';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Batch work too large for a request goes to the worker: here "too large" is made small
 * (more than 3 claims to add, more than 4 plaintiffs to lock) so a few claims show it.
 */
describe('batch work in the worker', () => {
  let stack: TestStack;
  let attorney: StaffMember;
  let claims: ApprovedClaim[];
  let batchId: string;
  const won = (n: number) => new Intl.NumberFormat('ko-KR').format(n);
  const jobs = () => stack.query(`SELECT kind, status, requested, done, amount_won::int AS "amountWon", outcome FROM batch_jobs WHERE batch_id = $1 ORDER BY started_at`, [batchId]);
  const page = () => attorney.client.get(`/staff/batches/${batchId}`);

  beforeAll(async () => {
    stack = await TestStack.start({ env: { BATCH_ADD_IN_REQUEST: '3', BATCH_LOCK_IN_REQUEST: '4' } });
    attorney = await createStaff(stack.api, 'attorney');
    claims = await approvedClaims(stack, DEMO_FIRM_ID, ['가나', '다라', '마바', '사아', '자차', '카타', '파하']);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('hands a large addition to the worker, shows it running, refuses other changes meanwhile, and adds each claim once', async () => {
    const csrf = await csrfOf(attorney.client, '/staff/batches');
    const created = await attorney.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: '큰 차수' });
    batchId = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.location!)![1];
    // No worker yet: the job waits, and the page says so.
    const asked = await attorney.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: '6' });
    expect(asked.status).toBe(200);
    expect(testIdText(asked.body, 'flash')).toContain('최대 6건을 추가하는 작업을 시작했습니다');
    expect(textOf(testIdText(asked.body, 'batch-job'))).toContain('승인된 신청을 추가하는 중: 0 / 최대 6건');
    expect(asked.body).toMatch(/<meta http-equiv="refresh" content="3">/);
    expect(asked.body).not.toContain(`action="/staff/batches/${batchId}/add"`);
    expect(asked.body).not.toContain(`action="/staff/batches/${batchId}/lock"`);
    expect(testIdText(asked.body, 'batch-plaintiffs')).toBe('0');
    // Meanwhile the batch takes no other change, by form or by hand, in Korean or English.
    const add = await attorney.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: '1' });
    expect(add.status).toBe(409);
    expect(textOf(add.body)).toContain('이 차수에서 신청 추가나 잠금 작업이 진행 중입니다');
    const lock = await attorney.client.post(`/staff/batches/${batchId}/lock`, { _csrf: csrf, lang: 'en' });
    expect(lock.status).toBe(409);
    expect(textOf(lock.body)).toContain('Claims are being added to this batch, or it is being locked');
    expect(await jobs()).toEqual([{ kind: 'fill', status: 'running', requested: 6, done: 0, amountWon: 0, outcome: null }]);

    await stack.startWorker({ WORKER_QUEUES: 'filing' });
    try {
      await waitFor('the worker to finish adding', async () => (await jobs())[0].status === 'done', 30_000);
    } finally {
      await stack.stopWorker();
    }
    const total = claims.slice(0, 6).reduce((s, c) => s + c.amountWon, 0);
    expect(await jobs()).toEqual([{ kind: 'fill', status: 'done', requested: 6, done: 6, amountWon: total, outcome: null }]);
    const after = await page();
    expect(testIdText(after.body, 'batch-plaintiffs')).toBe('6');
    expect(testIdText(after.body, 'batch-estimate')).toBe(won(total));
    expect(textOf(testIdText(after.body, 'batch-job'))).toContain('마지막 추가 작업: 6건을 추가했습니다');
    expect(after.body).not.toMatch(/http-equiv="refresh"/);
    for (const c of claims.slice(0, 6)) expect(after.body).toContain(c.claimNumber);
    expect(after.body).not.toContain(claims[6].claimNumber);

    // The same job handled again (a retry after its last step committed) adds nothing.
    const [{ id }] = await stack.query(`SELECT id FROM batch_jobs WHERE batch_id = $1`, [batchId]);
    await stack.api.get(BatchWorkHandler).handle({ jobId: id, firmId: DEMO_FIRM_ID });
    const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM claims WHERE batch_id = $1`, [batchId]);
    expect(n).toBe(6);
    expect(testIdText((await page()).body, 'batch-plaintiffs')).toBe('6');
  });

  it('locks a large batch in the worker, with the same list hash a request would have recorded', async () => {
    const csrf = await csrfOf(attorney.client, `/staff/batches/${batchId}`);
    const asked = await attorney.client.post(`/staff/batches/${batchId}/lock`, { _csrf: csrf });
    expect(asked.status).toBe(200);
    expect(testIdText(asked.body, 'flash')).toContain('차수 잠그기를 백그라운드 작업으로 시작했습니다');
    expect(textOf(testIdText(asked.body, 'batch-job'))).toContain('차수를 잠그는 중입니다');
    expect(testIdText(asked.body, 'batch-status')).toBe('작성 중');
    const [{ id }] = await stack.query(`SELECT id FROM batch_jobs WHERE batch_id = $1 AND kind = 'lock'`, [batchId]);
    await stack.api.get(BatchWorkHandler).handle({ jobId: id, firmId: DEMO_FIRM_ID });
    const locked = await page();
    expect(testIdText(locked.body, 'batch-status')).toBe('잠김');
    expect(textOf(testIdText(locked.body, 'batch-job'))).toMatch(/차수를 잠갔습니다 \(.+\)\. 원고 6명, 빠진 신청 0건\./);
    const [job] = (await jobs()).filter((j: { kind: string }) => j.kind === 'lock');
    expect(job).toMatchObject({ status: 'done', outcome: { plaintiffs: 6, released: 0 } });
    const [{ sha }] = await stack.query(`SELECT encode(list_sha256, 'hex') AS sha FROM filing_batches WHERE id = $1`, [batchId]);
    expect(job.outcome.listSha256).toBe(sha);
    expect(testIdText(locked.body, 'batch-sha256')).toBe(sha);
  });

  it('stops a lock whose batch has nobody left to file, saying why', async () => {
    const csrf = await csrfOf(attorney.client, '/staff/batches');
    const created = await attorney.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: '빈 차수' });
    const emptyId = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.location!)![1];
    // Five plaintiffs on paper (above the request's limit), none of them approved any more.
    await stack.query(`UPDATE filing_batches SET plaintiffs = 5 WHERE id = $1`, [emptyId]);
    const asked = await attorney.client.post(`/staff/batches/${emptyId}/lock`, { _csrf: csrf });
    expect(asked.status).toBe(200);
    const [{ id }] = await stack.query(`SELECT id FROM batch_jobs WHERE batch_id = $1`, [emptyId]);
    await stack.api.get(BatchWorkHandler).handle({ jobId: id, firmId: DEMO_FIRM_ID });
    const after = await attorney.client.get(`/staff/batches/${emptyId}`);
    expect(testIdText(after.body, 'batch-status')).toBe('작성 중');
    expect(textOf(testIdText(after.body, 'batch-job'))).toContain('차수를 잠그지 못했습니다');
    expect(textOf(testIdText(after.body, 'batch-job'))).toContain('원고가 없는 차수는 잠글 수 없습니다');
    // The batch can be worked on again.
    expect(after.body).toContain(`action="/staff/batches/${emptyId}/add"`);
  });

  it('offers batches as JSON with the same permissions and token: create, add (200 in the request, 202 to the worker), lock, file', async () => {
    const paralegal = await createStaff(stack.api, 'paralegal');
    const csrf = await csrfOf(attorney.client);
    const json = (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = { 'x-csrf-token': csrf }) => attorney.client.json(method, url, body, headers);
    // Without the form token, or as a paralegal, nothing changes.
    expect((await attorney.client.json('POST', '/api/staff/batches', { caseId: DEMO_CASE_ID, name: 'API 차수' })).status).toBe(403);
    expect((await paralegal.client.json('POST', '/api/staff/batches', { caseId: DEMO_CASE_ID, name: 'API 차수' }, { 'x-csrf-token': await csrfOf(paralegal.client) })).status).toBe(403);
    const bad = await json('POST', '/api/staff/batches', { caseId: 'nope', name: '' }, { 'x-csrf-token': csrf, 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).errors.map((e: { field: string }) => e.field).sort()).toEqual(['caseId', 'name']);
    const created = await json('POST', '/api/staff/batches', { caseId: DEMO_CASE_ID, name: 'API 차수' });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };
    // One claim is left approved outside a batch (the first test took six of seven).
    const added = await json('POST', `/api/staff/batches/${id}/add`, { limit: 2 });
    expect(added.status).toBe(200);
    expect(JSON.parse(added.body)).toEqual({ added: 1, amountWon: claims[6].amountWon });
    expect((await json('POST', `/api/staff/batches/${id}/add`, { limit: 0 })).status).toBe(400);
    const queued = await json('POST', `/api/staff/batches/${id}/add`, { limit: 50 });
    expect(queued.status).toBe(202);
    const { jobId } = JSON.parse(queued.body) as { jobId: string };
    expect((await json('POST', `/api/staff/batches/${id}/lock`)).status).toBe(409);
    await stack.api.get(BatchWorkHandler).handle({ jobId, firmId: DEMO_FIRM_ID });
    const read = await paralegal.client.json('GET', `/api/staff/batches/${id}`);
    expect(read.status).toBe(200);
    const detail = JSON.parse(read.body);
    expect(detail.batch).toMatchObject({ id, name: 'API 차수', status: 'open', plaintiffs: 1 });
    expect(detail.members).toEqual([{ claimId: claims[6].claimId, claimNumber: claims[6].claimNumber, status: 'approved', amountWon: claims[6].amountWon }]);
    expect(detail.job).toMatchObject({ id: jobId, kind: 'fill', status: 'done', requested: 50, done: 0 });
    expect(read.body).not.toContain(claims[6].name);
    const locked = await json('POST', `/api/staff/batches/${id}/lock`);
    expect(locked.status).toBe(200);
    expect(JSON.parse(locked.body)).toMatchObject({ plaintiffs: 1, released: 0, listSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.parse((await json('POST', `/api/staff/batches/${id}/file`)).body)).toEqual({ moved: 1 });
    const listed = JSON.parse((await paralegal.client.json('GET', `/api/staff/batches?case=${DEMO_CASE_ID}`)).body);
    expect(listed.batches.find((b: { id: string }) => b.id === id)).toMatchObject({ status: 'filed', plaintiffs: 1 });
    expect((await new PageClient(stack.api).json('GET', '/api/staff/batches')).status).toBe(401);
  });
});
