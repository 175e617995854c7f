import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { CaseSeeder, DEMO_CASE_ID, DEMO_DEFINITION, DEMO_FIRM, DEMO_FIRM_ID } from '@app/cases';
import { PlaintiffRecords } from '@app/claimants';
import { ExportPlaintiffList, LISTS_AT_ONCE } from '@app/filing';
import { validClaim } from '../support/claim-fixture';
import { approvedClaims, type ApprovedClaim, moveAll, postForFile, recordEmailVerification, storeName } from '../support/filing';
import { textOf } from '../support/page-client';
import { createStaff, csrfOf, hiddenField, type StaffMember, testIdText } from '../support/staff';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const FIRM_B = '0190f5a0-0000-7000-8000-0000000000cb';
const CASE_B = { id: '0190f5a0-0000-7000-8000-0000000000cc', slug: 'filing-other-case', definition: { ...DEMO_DEFINITION, slug: 'filing-other-case', claimPrefix: 'FO' } };
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Every entry of a ZIP, read back with yauzl. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Batches end to end through the console's pages against a real database: build a filing round
 * from approved claims, lock it, export its plaintiff list (CSV, XLSX) and proof-of-mandate
 * packs (ZIP) behind a recorded reason, mark it filed; who may do what; another firm sees nothing.
 */
describe('filing batches', () => {
  let stack: TestStack;
  let attorney: StaffMember;
  let paralegal: StaffMember;
  let otherFirm: StaffMember;
  let claims: ApprovedClaim[];
  let batchId: string;
  const REASON = '1차 소장 별지 원고 목록 작성';

  const exportsOf = () => stack.query(`SELECT kind, staff_id AS "staffId", reason, rows, encode(sha256, 'hex') AS sha256, finished_at AS "finishedAt", claim_id AS "claimId" FROM export_records WHERE batch_id = $1 OR claim_id = ANY($2::uuid[]) ORDER BY created_at`, [batchId, claims.map((c) => c.claimId)]);
  /** The export records once `n` are complete (a record is completed just after its last byte is sent). */
  const finishedExports = async (n: number) => {
    await waitFor(`${n} finished exports`, async () => (await exportsOf()).filter((r: { finishedAt: Date | null }) => r.finishedAt !== null).length >= n, 10_000);
    return exportsOf();
  };
  const accessRows = (action: string) => stack.query(`SELECT actor_id AS "actorId", subject_claimant_id AS subject, reason, fields FROM access_log WHERE action = $1 ORDER BY id`, [action]);

  beforeAll(async () => {
    stack = await TestStack.start();
    await stack.api.get(CaseSeeder).seed({ ...DEMO_FIRM, id: FIRM_B, slug: 'filing-other-firm', nameKo: '법무법인 다른', nameEn: 'Other Law' }, [CASE_B]);
    attorney = await createStaff(stack.api, 'attorney');
    paralegal = await createStaff(stack.api, 'paralegal');
    otherFirm = await createStaff(stack.api, 'attorney', { firmId: FIRM_B });
    claims = await approvedClaims(stack, DEMO_FIRM_ID, ['박서준', '이하은', '김도현', '최지우', '정민재']);
    // A name that a spreadsheet would run as a formula, stored through the one door.
    await storeName(stack, claims[2], '=HYPERLINK("http://evil.example","x")');
    // A claimant taken in before party records (migration 0013): the list opens their three columns.
    await stack.query(`UPDATE claimants SET party_enc = NULL WHERE id = $1`, [claims[0].claimantId]);
    // An approved claim of the other firm, which no batch of ours may take.
    await approvedClaims(stack, FIRM_B, ['한지민'], { caseSlug: CASE_B.slug });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a batch for a case and adds its approved claims in one go', async () => {
    const csrf = await csrfOf(attorney.client, '/staff/batches');
    const refused = await attorney.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: '' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain('항목을 입력해 주세요');

    const created = await attorney.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: '1차 제출' });
    expect(created.status).toBe(303);
    batchId = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.location!)![1];
    const page = await attorney.client.follow(created);
    expect(page.status).toBe(200);
    expect(testIdText(page.body, 'batch-status')).toBe('작성 중');

    const badLimit = await attorney.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: 'lots' });
    expect(badLimit.status).toBe(400);
    expect(textOf(badLimit.body)).toContain('1부터 1,000,000 사이의 숫자');

    // One withdrawn before it is added: only approved claims join.
    await moveAll(stack, DEMO_FIRM_ID, [claims[4].claimId], 'approved', 'withdrawn');
    const added = await attorney.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: '100' });
    expect(added.status).toBe(200);
    expect(testIdText(added.body, 'flash')).toContain('4건을 추가했습니다');
    expect(testIdText(added.body, 'batch-plaintiffs')).toBe('4');
    const total = claims.slice(0, 4).reduce((s, c) => s + c.amountWon, 0);
    expect(testIdText(added.body, 'batch-estimate')).toBe(new Intl.NumberFormat('ko-KR').format(total));
    for (const c of claims.slice(0, 4)) expect(added.body).toContain(c.claimNumber);
    expect(added.body).not.toContain(claims[4].claimNumber);
    // Nothing left to add: the next round finds none.
    const again = await attorney.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: '100' });
    expect(testIdText(again.body, 'flash')).toContain('0건을 추가했습니다');

    const [row] = await stack.query(`SELECT plaintiffs, estimate_won::int AS "estimateWon", status FROM filing_batches WHERE id = $1`, [batchId]);
    expect(row).toEqual({ plaintiffs: 4, estimateWon: total, status: 'open' });
    const [other] = await stack.query(`SELECT count(*)::int AS n FROM claims WHERE batch_id = $1 AND firm_id = $2`, [batchId, FIRM_B]);
    expect(other.n).toBe(0);
    // The list shows it.
    expect(textOf((await attorney.client.get('/staff/batches')).body)).toContain('1차 제출');
  });

  it('lets a paralegal see batches but not change or export them', async () => {
    const page = await paralegal.client.get(`/staff/batches/${batchId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(claims[0].claimNumber);
    expect(page.body).not.toContain(`/staff/batches/${batchId}/lock`);
    const csrf = hiddenField(page.body, '_csrf');
    expect((await paralegal.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: '1' })).status).toBe(403);
    expect((await paralegal.client.post(`/staff/batches/${batchId}/lock`, { _csrf: csrf })).status).toBe(403);
    expect((await paralegal.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: 'x' })).status).toBe(403);
    expect((await paralegal.client.get(`/staff/batches/${batchId}/export/plaintiffs-csv`)).status).toBe(403);
    expect((await postForFile(stack, paralegal.client, `/staff/batches/${batchId}/export/proof-pack`, { _csrf: csrf, reason: REASON })).status).toBe(403);
    expect(await exportsOf()).toEqual([]);
  });

  it('takes a claim out while open, and locks with the list hash; nothing changes after', async () => {
    const csrf = await csrfOf(attorney.client, `/staff/batches/${batchId}`);
    const removed = await attorney.client.post(`/staff/batches/${batchId}/claims/${claims[3].claimId}/remove`, { _csrf: csrf });
    expect(removed.status).toBe(200);
    expect(testIdText(removed.body, 'batch-plaintiffs')).toBe('3');
    const put = await attorney.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: '1' });
    expect(testIdText(put.body, 'batch-plaintiffs')).toBe('4');

    // Withdrawn after joining, before the lock: the lock lets it go.
    await moveAll(stack, DEMO_FIRM_ID, [claims[3].claimId], 'approved', 'withdrawn');
    const locked = await attorney.client.post(`/staff/batches/${batchId}/lock`, { _csrf: csrf });
    expect(locked.status).toBe(200);
    expect(testIdText(locked.body, 'flash')).toContain('원고 3명, 빠진 신청 1건');
    expect(testIdText(locked.body, 'batch-status')).toBe('잠김');
    const [row] = await stack.query(`SELECT status, plaintiffs, encode(list_sha256, 'hex') AS sha FROM filing_batches WHERE id = $1`, [batchId]);
    expect(row.status).toBe('locked');
    expect(row.plaintiffs).toBe(3);
    // The canonical list: seq, claim number, claimant, amount, mandate hash, in the batch's order.
    const members = await stack.query(
      `SELECT cl.claim_number AS n, cl.claimant_id AS c, cl.estimate_won AS a, encode(s.document_sha256, 'hex') AS h
         FROM claims cl JOIN signatures s ON s.claim_id = cl.id WHERE cl.batch_id = $1 ORDER BY cl.created_at, cl.id`,
      [batchId],
    );
    expect(members.map((m: { n: string }) => m.n)).toEqual(claims.slice(0, 3).map((c) => c.claimNumber));
    expect(row.sha).toBe(sha256(members.map((m: { n: string; c: string; a: number; h: string }, i: number) => `${i + 1}\t${m.n}\t${m.c}\t${m.a}\t${m.h}\n`).join('')));
    expect(testIdText(locked.body, 'batch-sha256')).toBe(row.sha);

    const late = await attorney.client.post(`/staff/batches/${batchId}/add`, { _csrf: csrf, limit: '10' });
    expect(late.status).toBe(409);
    expect(textOf(late.body)).toContain('이미 잠겼습니다');
    expect((await attorney.client.post(`/staff/batches/${batchId}/claims/${claims[0].claimId}/remove`, { _csrf: csrf })).status).toBe(409);
    expect((await attorney.client.post(`/staff/batches/${batchId}/lock`, { _csrf: csrf })).status).toBe(409);
    const [after] = await stack.query(`SELECT count(*)::int AS n FROM claims WHERE batch_id = $1`, [batchId]);
    expect(after.n).toBe(3);
  });

  it('refuses an export without a reason, with the field message, recording nothing', async () => {
    const form = await attorney.client.get(`/staff/batches/${batchId}/export/plaintiffs-csv`);
    expect(form.status).toBe(200);
    const csrf = hiddenField(form.body, '_csrf');
    for (const reason of ['', '   ', 'x']) {
      const refused = await postForFile(stack, attorney.client, `/staff/batches/${batchId}/export/plaintiffs-csv`, { _csrf: csrf, reason });
    expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(textOf(refused.text)).toMatch(/내려받는 사유를 적어 주세요|조금 더 구체적으로/);
    }
    const english = await postForFile(stack, attorney.client, `/staff/batches/${batchId}/export/proof-pack`, { _csrf: csrf, reason: '', lang: 'en' });
    expect(english.status).toBe(400);
    expect(textOf(english.text)).toContain('Give the reason for this download');
    expect(await exportsOf()).toEqual([]);
    expect(await accessRows('plaintiffs.export')).toEqual([]);
  });

  it('exports the plaintiff list as CSV that Korean Excel opens, formulas defused, recorded per person', async () => {
    // Withdrawn after the lock: left out of every export, and counted on the page.
    await moveAll(stack, DEMO_FIRM_ID, [claims[1].claimId], 'approved', 'withdrawn');
    const csrf = await csrfOf(attorney.client, `/staff/batches/${batchId}`);
    const res = await postForFile(stack, attorney.client, `/staff/batches/${batchId}/export/plaintiffs-csv`, { _csrf: csrf, reason: REASON });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="plaintiffs_coupang-2025_1.csv"; filename*=UTF-8''${encodeURIComponent('원고목록_coupang-2025_1차_1차_제출.csv')}`);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines[0]).toBe('"번호","성명","생년월일","주소","청구금액(원)","신청번호","위임계약 서명일시"');
    expect(lines[1]).toMatch(new RegExp(`^"1","박서준","1990-03-15","\\(06236\\) 서울특별시 강남구 테헤란로 152 101동 1001호","${claims[0].amountWon}","${claims[0].claimNumber}","\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"$`));
    expect(lines[2]).toContain(`"2","'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines[2]).toContain(claims[2].claimNumber);
    expect(text).not.toContain(claims[1].claimNumber);
    expect(text).not.toContain('이하은');

    const page = await attorney.client.get(`/staff/batches/${batchId}`);
    expect(testIdText(page.body, 'batch-excluded')).toContain('1건');
    // The member is still listed, as withdrawn.
    expect(textOf(page.body)).toMatch(new RegExp(`${claims[1].claimNumber} 철회`));
    const [record] = await finishedExports(1);
    expect(record).toMatchObject({ kind: 'plaintiffs-csv', staffId: attorney.staffId, reason: REASON, rows: 2, sha256: sha256(res.bytes) });
    expect(record.finishedAt).not.toBeNull();
    // One chained row for the page, naming its people in access_log_subjects (committed before they were decrypted).
    const access = await stack.query(`SELECT id, actor_id AS "actorId", subject_claimant_id AS subject, subject_count AS count, reason, fields FROM access_log WHERE action = 'plaintiffs.export'`);
    expect(access).toEqual([{ id: expect.any(String), actorId: attorney.staffId, subject: null, count: 2, reason: REASON, fields: ['address', 'birthDate', 'name'] }]);
    const covered = await stack.query(`SELECT claimant_id AS "claimantId" FROM access_log_subjects WHERE access_log_id = $1 ORDER BY claimant_id`, [access[0].id]);
    expect(covered.map((r: { claimantId: string }) => r.claimantId)).toEqual([claims[0].claimantId, claims[2].claimantId].sort());
    // An auditor asking who read one plaintiff's data finds the export.
    const auditor = await createStaff(stack.api, 'auditor');
    const log = await auditor.client.get(`/staff/access-log?claim=${claims[0].claimNumber}`);
    expect(log.status).toBe(200);
    expect(textOf(log.body)).toContain('plaintiffs.export');
    expect(textOf(log.body)).toContain(REASON);
  });

  it('exports the same list as XLSX', async () => {
    const csrf = await csrfOf(attorney.client, `/staff/batches/${batchId}`);
    const res = await postForFile(stack, attorney.client, `/staff/batches/${batchId}/export/plaintiffs-xlsx`, { _csrf: csrf, reason: REASON });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['번호', '성명', '생년월일', '주소', '청구금액(원)', '신청번호', '위임계약 서명일시']);
    expect(rows[1].slice(0, 3)).toEqual([1, '박서준', '1990-03-15']);
    expect(rows[1][4]).toBe(claims[0].amountWon);
    expect(rows[1][5]).toBe(claims[0].claimNumber);
    expect(rows[2][1]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    const records = await finishedExports(2);
    expect(records[1]).toMatchObject({ kind: 'plaintiffs-xlsx', rows: 2, sha256: sha256(res.bytes) });
  });

  it('reads the plaintiffs page by page from one cursor, logging each page before it is opened, and ends its read when a download stops', async () => {
    const records = stack.api.get(PlaintiffRecords);
    const accessor = { kind: 'staff' as const, staffId: attorney.staffId, ip: null, reason: 'cursor paging test' };
    const logged = async () => (await stack.query(`SELECT subject_count AS n FROM access_log WHERE reason = $1 ORDER BY id`, [accessor.reason])).map((r: { n: number }) => r.n);
    // One plaintiff a page: each page is its own access-log row, in the batch's order.
    const pages: string[][] = [];
    for await (const page of records.pages(DEMO_FIRM_ID, batchId, accessor, 1)) pages.push(page.map((p) => p.claimNumber));
    expect(pages).toEqual([[claims[0].claimNumber], [claims[2].claimNumber]]);
    expect(await logged()).toEqual([1, 1]);
    // Where there is a party record, it alone is opened: with the claimant's name column made
    // unreadable the list still names them. The first plaintiff, who has none, needs their columns.
    const stored = await stack.query(`SELECT id, name_enc AS "nameEnc", party_enc IS NOT NULL AS "hasParty" FROM claimants WHERE id = ANY($1::uuid[]) ORDER BY id`, [[claims[0].claimantId, claims[2].claimantId]]);
    const nameEncOf = (claim: ApprovedClaim) => stored.find((r: { id: string }) => r.id === claim.claimantId).nameEnc;
    expect(stored.map((r: { id: string; hasParty: boolean }) => [r.id, r.hasParty])).toEqual(expect.arrayContaining([[claims[0].claimantId, false], [claims[2].claimantId, true]]));
    await stack.query(`UPDATE claimants SET name_enc = '\\x00'::bytea WHERE id = ANY($1::uuid[])`, [[claims[0].claimantId, claims[2].claimantId]]);
    try {
      const partyOnly = records.pages(DEMO_FIRM_ID, batchId, { ...accessor, reason: 'party record test' }, 1);
      await expect(partyOnly.next()).rejects.toThrow('unknown envelope version');
      await stack.query(`UPDATE claimants SET name_enc = $2 WHERE id = $1`, [claims[0].claimantId, nameEncOf(claims[0])]);
      const opened: unknown[] = [];
      for await (const page of records.pages(DEMO_FIRM_ID, batchId, { ...accessor, reason: 'party record test' }, 1)) opened.push(...page.map(({ name, birthDate, address }) => ({ name, birthDate, address })));
      const address = { ...validClaim().claimant.address };
      expect(opened).toEqual([
        { name: '박서준', birthDate: '1990-03-15', address },
        { name: '=HYPERLINK("http://evil.example","x")', birthDate: '1990-03-15', address },
      ]);
    } finally {
      for (const claim of [claims[0], claims[2]]) await stack.query(`UPDATE claimants SET name_enc = $2 WHERE id = $1`, [claim.claimantId, nameEncOf(claim)]);
    }
    // A reader that stops after the first page of a batch longer than the read-ahead: the cursor's
    // transaction ends and gives its connection back.
    const more = await approvedClaims(stack, DEMO_FIRM_ID, ['강하나', '강두리', '강세나', '강네리', '강다솜', '강여울']);
    const csrf = await csrfOf(attorney.client, '/staff/batches');
    const created = await attorney.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: '커서 시험' });
    const longer = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.location!)![1];
    expect(testIdText((await attorney.client.post(`/staff/batches/${longer}/add`, { _csrf: csrf, limit: '100' })).body, 'batch-plaintiffs')).toBe('6');
    const reader = records.pages(DEMO_FIRM_ID, longer, { ...accessor, reason: 'cursor cut short test' }, 1);
    expect((await reader.next()).value.map((p: { claimNumber: string }) => p.claimNumber)).toEqual([more[0].claimNumber]);
    await reader.return(undefined);
    await waitFor('the cursor transaction to end', async () => (await stack.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'FETCH FORWARD%' AND state LIKE 'idle in transaction%'`))[0].n === 0, 5_000);
  });

  it('streams at most LISTS_AT_ONCE plaintiff lists at once, refusing another with a 429 in Korean and recording nothing, until one ends', async () => {
    // A list longer than a stream's buffer, so a download nobody reads stays open.
    await approvedClaims(stack, DEMO_FIRM_ID, Array.from({ length: 150 }, (_, i) => `시험${String.fromCharCode(0xac00 + i * 7)}`));
    const csrf = await csrfOf(attorney.client, '/staff/batches');
    const created = await attorney.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: '동시 내려받기' });
    const big = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.location!)![1];
    expect(testIdText((await attorney.client.post(`/staff/batches/${big}/add`, { _csrf: csrf, limit: '1000' })).body, 'batch-plaintiffs')).toBe('150');
    expect((await attorney.client.post(`/staff/batches/${big}/lock`, { _csrf: csrf })).status).toBe(200);
    const exporter = stack.api.get(ExportPlaintiffList);
    const command = { firmId: DEMO_FIRM_ID, staffId: attorney.staffId, ip: null, batchId: big, format: 'csv' as const, reason: REASON };
    const records = async () => (await stack.query(`SELECT count(*)::int AS n FROM export_records WHERE batch_id = $1`, [big]))[0].n as number;
    const held = [];
    for (let i = 0; i < LISTS_AT_ONCE; i++) held.push(await exporter.start(command));
    expect(await records()).toBe(LISTS_AT_ONCE);
    await expect(exporter.start(command)).rejects.toMatchObject({ status: 429 });
    const refused = await postForFile(stack, attorney.client, `/staff/batches/${big}/export/plaintiffs-csv`, { _csrf: csrf, reason: REASON });
    expect(refused.status).toBe(429);
    expect(textOf(refused.text)).toContain('잠시 후 다시 시도해 주세요');
    expect(await records()).toBe(LISTS_AT_ONCE);
    // One read to its end, the others abandoned: places are free again.
    const chunks: Buffer[] = [];
    for await (const chunk of held[0].stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8').split('\r\n')).toHaveLength(152);
    for (const download of held.slice(1)) (download.stream as Readable).destroy();
    const again = await waitFor('every place free', async () => {
      const res = await postForFile(stack, attorney.client, `/staff/batches/${big}/export/plaintiffs-csv`, { _csrf: csrf, reason: REASON });
      return res.status === 200 ? res : null;
    }, 10_000);
    expect(again.bytes.toString('utf8')).toContain('"150",');
    // The last download's place comes back once its record is finished, just after its last byte.
    await waitFor('every place given back', async () => exporter.inFlight === 0, 10_000);
    const next = [];
    for (let i = 0; i < LISTS_AT_ONCE; i++) next.push(await exporter.start(command));
    for (const download of next) (download.stream as Readable).destroy();
  });

  it("builds the batch's proof-of-mandate pack: a folder per plaintiff and a manifest whose hashes hold", async () => {
    const { verificationId } = await recordEmailVerification(stack, claims[0]);
    const csrf = await csrfOf(attorney.client, `/staff/batches/${batchId}`);
    const res = await postForFile(stack, attorney.client, `/staff/batches/${batchId}/export/proof-pack`, { _csrf: csrf, reason: REASON });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = await unzip(res.bytes);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.plaintiffs).toBe(2);
    expect(manifest.files).toHaveLength(10);
    for (const f of manifest.files) {
      expect(files.has(f.path)).toBe(true);
      expect(sha256(files.get(f.path)!)).toBe(f.sha256);
    }
    expect([...files.keys()].sort()).toEqual(['manifest.json', ...manifest.files.map((f: { path: string }) => f.path)].sort());
    const folder = `0001_${claims[0].claimNumber}/`;
    expect(files.get(`${folder}mandate.pdf`)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The font is embedded (a PDF with Korean text that opens anywhere).
    expect(files.get(`${folder}mandate.pdf`)!.toString('latin1')).toMatch(/FontFile2/);
    const identity = JSON.parse(files.get(`${folder}identity.json`)!.toString('utf8'));
    expect(identity.claimant.name).toBe('박서준');
    expect(identity.signature.typedName).toBe('박서준');
    expect(identity.signature.textKept).toBe(true);
    const [sig] = await stack.query(`SELECT encode(document_sha256, 'hex') AS h, user_agent AS ua FROM signatures WHERE claim_id = $1`, [claims[0].claimId]);
    expect(identity.signature.documentSha256).toBe(sig.h);
    expect(identity.emailVerification.verificationId).toBe(verificationId);
    expect(JSON.parse(files.get(`0002_${claims[2].claimNumber}/identity.json`)!.toString('utf8')).emailVerification).toBeNull();
    const consent = JSON.parse(files.get(`${folder}consent.json`)!.toString('utf8'));
    expect(consent.consents.map((c: { purpose: string }) => c.purpose).sort()).toEqual(DEMO_DEFINITION.consents.items.map((i) => i.purpose).sort());
    const audit = JSON.parse(files.get(`${folder}audit.json`)!.toString('utf8'));
    expect(audit.events.map((e: { to: string }) => e.to)).toEqual(['submitted', 'screened', 'approved']);
    expect(JSON.parse(files.get(`${folder}evidence.json`)!.toString('utf8')).files).toEqual([]);
    const records = await finishedExports(3);
    expect(records[2]).toMatchObject({ kind: 'proof-pack', rows: 2, sha256: sha256(res.bytes) });
    const access = await accessRows('proof-pack.export');
    expect(access.map((a: { subject: string }) => a.subject)).toEqual([claims[0].claimantId, claims[2].claimantId]);
  });

  it("builds one plaintiff's pack, from the batch page or by claim id", async () => {
    const form = await attorney.client.get(`/staff/batches/${batchId}/export/proof-pack?claim=${claims[0].claimId}`);
    expect(form.status).toBe(200);
    expect(hiddenField(form.body, 'claimId')).toBe(claims[0].claimId);
    const csrf = hiddenField(form.body, '_csrf');
    const one = await postForFile(stack, attorney.client, `/staff/batches/${batchId}/export/proof-pack`, { _csrf: csrf, reason: REASON, claimId: claims[0].claimId });
    expect(one.status).toBe(200);
    const files = await unzip(one.bytes);
    expect([...files.keys()].filter((k) => k.endsWith('mandate.pdf'))).toEqual([`0001_${claims[0].claimNumber}/mandate.pdf`]);
    const byClaim = await postForFile(stack, attorney.client, `/staff/batches/claims/${claims[3].claimId}/proof-pack`, { _csrf: csrf, reason: REASON });
    expect(byClaim.status).toBe(200);
    expect([...(await unzip(byClaim.bytes)).keys()]).toContain(`0001_${claims[3].claimNumber}/identity.json`);
    const records = await finishedExports(5);
    expect(records.filter((r: { kind: string; claimId: string | null }) => r.kind === 'proof-pack' && r.claimId !== null).map((r: { claimId: string }) => r.claimId)).toEqual([claims[0].claimId, claims[3].claimId]);
  });

  it("shows another firm nothing of this firm's batches", async () => {
    const list = await otherFirm.client.get('/staff/batches');
    expect(list.status).toBe(200);
    expect(list.body).not.toContain(batchId);
    expect((await otherFirm.client.get(`/staff/batches/${batchId}`)).status).toBe(404);
    expect((await otherFirm.client.get(`/staff/batches/${batchId}/export/plaintiffs-csv`)).status).toBe(404);
    const csrf = hiddenField(list.body, '_csrf');
    expect((await postForFile(stack, otherFirm.client, `/staff/batches/${batchId}/export/plaintiffs-csv`, { _csrf: csrf, reason: REASON })).status).toBe(404);
    expect((await postForFile(stack, otherFirm.client, `/staff/batches/claims/${claims[0].claimId}/proof-pack`, { _csrf: csrf, reason: REASON })).status).toBe(404);
    expect((await otherFirm.client.post(`/staff/batches/${batchId}/lock`, { _csrf: csrf })).status).toBe(404);
    // Their own batch of their own case cannot take our claims.
    const created = await otherFirm.client.post('/staff/batches', { _csrf: csrf, caseId: CASE_B.id, name: '다른 차수' });
    expect(created.status).toBe(303);
    const theirs = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.location!)![1];
    const added = await otherFirm.client.post(`/staff/batches/${theirs}/add`, { _csrf: csrf, limit: '100' });
    expect(testIdText(added.body, 'batch-plaintiffs')).toBe('1');
    // Nor make one for our case.
    expect((await otherFirm.client.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name: 'x' })).status).toBe(400);
    expect((await postForFile(stack, otherFirm.client, `/staff/batches/not-a-uuid/export/plaintiffs-csv`, { _csrf: csrf, reason: REASON })).status).toBe(400);
  });

  it('marks the batch filed, moving its approved claims to filed through the status machine', async () => {
    const csrf = await csrfOf(attorney.client, `/staff/batches/${batchId}`);
    const filed = await attorney.client.post(`/staff/batches/${batchId}/file`, { _csrf: csrf });
    expect(filed.status).toBe(200);
    expect(testIdText(filed.body, 'flash')).toContain('2건');
    expect(testIdText(filed.body, 'batch-status')).toBe('제출됨');
    const rows = await stack.query(`SELECT id, status FROM claims WHERE batch_id = $1 ORDER BY created_at`, [batchId]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['filed', 'withdrawn', 'filed']);
    const [events] = await stack.query(`SELECT count(*)::int AS n FROM claim_events WHERE to_status = 'filed' AND claim_id = ANY($1::uuid[])`, [rows.map((r: { id: string }) => r.id)]);
    expect(events.n).toBe(2);
    expect((await attorney.client.post(`/staff/batches/${batchId}/file`, { _csrf: csrf })).status).toBe(409);
    // A filed batch's list still exports (the plaintiffs are now filed).
    const again = await postForFile(stack, attorney.client, `/staff/batches/${batchId}/export/plaintiffs-csv`, { _csrf: csrf, reason: REASON });
    expect(again.bytes.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});
