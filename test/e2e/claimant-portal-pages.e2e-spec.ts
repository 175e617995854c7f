import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { CaseVersions, type CaseDefinition, DEMO_CASE_SLUG, TELECOM_CASE_SLUG, TELECOM_DEFINITION } from '@app/cases';
import { addDays, seoulToday } from '@app/eligibility';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { solvedChallenge } from '../support/protection';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** What a page answered, as a browser without the script would see it. */
interface Page {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  location: string | null;
}

/** The text of an HTML fragment, tags dropped and entities read. */
const textOf = (html: string) =>
  html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** The inner HTML of the first element carrying `attribute` (its own tag name closes it; no nesting of the same tag inside). */
const element = (html: string, attribute: string, tag: string) => {
  const start = html.indexOf(attribute);
  if (start < 0) return null;
  const open = html.lastIndexOf(`<${tag}`, start);
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(open, end + tag.length + 3);
};
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A Windows program named like a screenshot. */
const program = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), randomBytes(512)]);
/** A phone screenshot of a notice (a PNG, with a little noise so no two are the same file). */
const screenshot = () =>
  sharp({ create: { width: 360, height: 720, channels: 3, background: '#f5f5f5' } })
    .composite([{ input: randomBytes(30 * 30 * 3), raw: { width: 30, height: 30, channels: 3 }, top: 40, left: 40 }])
    .png()
    .toBuffer();

/**
 * The claimant's portal behind the emailed status link, through HTTP with no script: the
 * status page with its deficiency notice and the cures beside it (an upload, an answer),
 * leaving the suit, asking for deletion, seeing one's data, asking for a new link; the
 * refusals (a renamed program, a missing tick, a forged or replaced link, a cross-site post);
 * Korean first, English on request.
 */
describe('the claimant portal pages', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // Each claimant files from a network of their own (through the proxy the API trusts): many
    // claims from one address would be flagged for staff, which is not what these tests are about.
    stack = await TestStack.start({ worker: true, env: { TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const get = async (url: string, headers: Record<string, string> = {}): Promise<Page> => reply(await stack.api.inject({ method: 'GET', url, headers, remoteAddress: '203.0.113.7' }));
  /** A form post from our own page (the headers a browser sends with it), or from elsewhere when `headers` says so. */
  const post = async (url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Page> => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return reply(
      await stack.api.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://claims.test', 'sec-fetch-site': 'same-origin', ...headers },
        payload: body.toString(),
      }),
    );
  };
  /** An upload form post, encoded as a browser does: the fields in the order given, then the file. */
  const upload = async (fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer } | null, headers: Record<string, string> = {}): Promise<Page> => {
    const boundary = `----portal${randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    // No file chosen: a browser sends the input as an empty part with an empty file name.
    const chosen = file ?? { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) };
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${chosen.name}"\r\nContent-Type: ${chosen.type}\r\n\r\n`), chosen.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return reply(
      await stack.api.inject({
        method: 'POST',
        url: '/status/evidence',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'http://claims.test', 'sec-fetch-site': 'same-origin', ...headers },
        payload: Buffer.concat(parts),
      }),
    );
  };
  const reply = (res: Awaited<ReturnType<NestFastify['inject']>>): Page => ({
    status: res.statusCode,
    headers: res.headers,
    body: res.body,
    location: typeof res.headers.location === 'string' ? res.headers.location : null,
  });
  type NestFastify = TestStack['api'];

  /** Files a claim through the JSON API and waits for its receipt (assessed by then): its id, number and status token (as the link has it, and as the form field does). */
  let network = 10;
  const file = async (body: ReturnType<typeof validClaim>, slug = DEMO_CASE_SLUG) => {
    const res = await submitClaim(stack.api, body, { 'x-forwarded-for': `198.51.100.${network++}` }, slug);
    expect(res.status).toBe(201);
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(res.body.claimNumber));
    const inLink = /status\?token=(\S+)/.exec(mail.text ?? '')![1];
    return { claimId: res.body.claimId as string, claimNumber: res.body.claimNumber as string, link: `/status?token=${inLink}`, token: decodeURIComponent(inLink), email: body.claimant.email };
  };
  const statusOf = async (claimId: string) => (await stack.query(`SELECT status FROM claims WHERE id = $1`, [claimId]))[0].status as string;
  const moves = async (claimId: string) =>
    (await stack.query(`SELECT from_status, to_status, actor FROM claim_events WHERE claim_id = $1 ORDER BY id`, [claimId])).map((e) => `${e.from_status}->${e.to_status}:${e.actor}`);
  const count = async (sql: string, params: unknown[]) => (await stack.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;

  it('shows a claim waiting for the breach notice, takes the screenshot from the page, refuses a renamed program, and sees the claim checked again', async () => {
    const body = validClaim({ name: '윤서진' });
    body.answers.noticeReceived = 'none';
    const { claimId, claimNumber, link, token } = await file(body);
    expect(await statusOf(claimId)).toBe('needs_information');
    const [{ cure_by: cureBy }] = await stack.query(`SELECT cure_by::text FROM claim_assessments WHERE claim_id = $1`, [claimId]);

    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<html lang="ko">');
    expect(page.body).toContain(`data-testid="claim-number">${claimNumber}<`);
    expect(textOf(element(page.body, 'data-testid="claim-status"', 'strong')!)).toContain('추가 자료 필요');
    // The timeline: what happened, when (Seoul time), in words.
    const timeline = element(page.body, 'class="timeline"', 'ol')!;
    expect(textOf(timeline)).toMatch(/신청 접수 .*추가 자료 요청/);
    expect(timeline.match(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d\+09:00">/g)).toHaveLength(2);
    // The notice, with its deadline and, beside the item, the upload that cures it.
    const notice = element(page.body, 'data-testid="deficiency-notice"', 'section')!;
    expect(notice).toContain(`<time datetime="${cureBy}" data-testid="cure-by">`);
    const item = element(notice, 'data-testid="deficiency-breach-notice"', 'li')!;
    expect(textOf(item)).toContain('유출 통지(문자, 이메일, 앱 화면) 캡처');
    expect(item).toContain('action="/status/evidence" enctype="multipart/form-data"');
    const order = ['name="token"', 'name="kind" value="breach_notice"', 'name="lang" value="ko"', 'type="file"'].map((s) => item.indexOf(s));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(item).toContain(`name="token" value="${token.replace(/&/g, '&amp;')}"`);
    expect(item).toMatch(/type="file" id="f-file-breach_notice" name="file" accept="image\/jpeg,image\/png,application\/pdf" data-max-bytes="10485760" data-accept="[^"]+" data-msg-too-large="[^"]+" data-msg-empty="[^"]+" data-msg-type="[^"]+"/);
    // The amount, its breakdown and the honest note.
    expect(textOf(page.body)).toContain('법원은 이보다 적은 금액을 인정한 경우가 많았고');
    expect(element(page.body, 'data-testid="breakdown"', 'ul')).toContain('기본 위자료');

    // A renamed program is refused beside that form's file input, in Korean, and nothing is kept.
    const refused = await upload({ token, kind: 'breach_notice', lang: 'ko' }, { name: 'notice.png', type: 'image/png', bytes: program() });
    expect(refused.status).toBe(422);
    expect(refused.headers['cache-control']).toBe('no-store');
    const field = element(refused.body, 'id="f-file-breach_notice-error"', 'p')!;
    expect(textOf(field)).toContain('실행 파일(EXE)은 올릴 수 없습니다');
    expect(refused.body).toMatch(/id="f-file-breach_notice"[^>]*aria-invalid="true"/);
    expect(element(refused.body, 'data-testid="error-summary"', 'div')).toContain('href="#f-file-breach_notice"');
    expect(await count(`evidence_files WHERE owner_id = $1`, [claimId])).toBe(0);
    expect(await statusOf(claimId)).toBe('needs_information');

    // The screenshot cures it: back to "submitted" by the claimant, checked again by the worker.
    const uploaded = await upload({ token, kind: 'breach_notice', lang: 'ko' }, { name: 'notice.png', type: 'image/png', bytes: await screenshot() });
    expect(uploaded.status).toBe(303);
    expect(uploaded.location).toBe(`/status?${new URLSearchParams({ token, lang: 'ko', notice: 'uploaded' })}`);
    await waitFor('the claim to be assessed again', async () => (await statusOf(claimId)) === 'screened', 20_000);
    expect(await moves(claimId)).toEqual(['null->submitted:claimant', 'submitted->needs_information:system', 'needs_information->submitted:claimant', 'submitted->screened:system']);

    const after = await get(uploaded.location!);
    expect(after.status).toBe(200);
    expect(textOf(element(after.body, 'data-testid="portal-notice"', 'p')!)).toContain('파일을 올렸습니다');
    expect(after.body).not.toContain('data-testid="deficiency-notice"');
    expect(textOf(element(after.body, 'class="timeline"', 'ol')!)).toMatch(/신청 접수 .*추가 자료 요청 .*추가 자료 접수 .*자동 확인 완료/);
    const files = element(after.body, 'data-testid="files"', 'ul')!;
    expect(files.match(/data-testid="evidence-file"/g)).toHaveLength(1);
    expect(textOf(files)).toMatch(/유출 통지 캡처 .*PNG · \d+ KB · 360×720/);

    // Once the worker has made its thumbnail, the page shows it, read through the token.
    const [stored] = await stack.query(`SELECT id FROM evidence_files WHERE owner_id = $1`, [claimId]);
    await waitFor('the thumbnail', async () => (await count(`evidence_files WHERE id = $1 AND thumbnail_key IS NOT NULL`, [stored.id])) === 1, 20_000);
    const withThumb = await get(link);
    const src = new RegExp(`<img src="(/status/evidence/${stored.id}/thumbnail\\?[^"]+)"`).exec(withThumb.body)![1].replace(/&amp;/g, '&');
    const thumb = await stack.api.inject({ method: 'GET', url: src });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers['cache-control']).toBe('private, no-store');
    expect(thumb.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await stack.api.inject({ method: 'GET', url: `/status/evidence/${stored.id}/thumbnail?token=forged` })).statusCode).toBe(404);

    // The general form takes any kind the case asks for; its refusals go beside it (the kind chosen kept).
    const more = element(withThumb.body, 'data-testid="more-evidence"', 'section')!;
    expect(more).toContain('<option value="account_proof">쿠팡 계정 화면</option>');
    const noFile = await upload({ token, kind: 'account_proof', lang: 'ko', from: 'more' }, null);
    expect(noFile.status).toBe(400);
    expect(textOf(element(noFile.body, 'id="f-file-more-error"', 'p')!)).toContain('올릴 파일을 골라 주세요');
    expect(noFile.body).toContain('<option value="account_proof" selected>');
    const badKind = await upload({ token, kind: 'selfie', lang: 'ko', from: 'more' }, { name: 'me.png', type: 'image/png', bytes: await screenshot() });
    expect(badKind.status).toBe(400);
    expect(textOf(element(badKind.body, 'id="f-kind-error"', 'p')!)).toContain('이 자료는 지금 올릴 수 없습니다');
    const added = await upload({ token, kind: 'account_proof', lang: 'ko', from: 'more' }, { name: 'account.png', type: 'image/png', bytes: await screenshot() });
    expect(added.status).toBe(303);
    expect(await stack.query(`SELECT kind FROM evidence_files WHERE owner_id = $1 ORDER BY created_at`, [claimId])).toEqual([{ kind: 'breach_notice' }, { kind: 'account_proof' }]);
  });

  it('takes an answer the claim was asked for beside its question, refusing a missing one there', async () => {
    // A claim taken before the case asked a question: activating a version that asks it (read
    // by a rule) re-scores the claim, which then waits for that answer.
    const { claimId, link, token } = await file(validClaim({ name: '문가온' }, TELECOM_CASE_SLUG), TELECOM_CASE_SLUG);
    expect(await statusOf(claimId)).toBe('screened');
    const next: CaseDefinition = structuredClone(TELECOM_DEFINITION);
    next.questionnaire.version = 'telecom-sim-2026.questions.portal-test';
    next.questionnaire.questions.push({ id: 'esimUsed', type: 'yes_no', text: { ko: '유출 당시 eSIM을 쓰고 있었나요?', en: 'Were you using an eSIM at the time?' } });
    next.rules.version = 'telecom-sim-2026.rules.portal-test';
    next.rules.rules.push({
      id: 'esim-asked',
      passes: { in: [{ var: 'answers.esimUsed' }, [true, false]] },
      onFail: 'needs_information',
      deficiency: { item: 'esim-answer', text: { ko: 'eSIM 사용 여부', en: 'Whether you used an eSIM' } },
      reason: { fail: { ko: 'eSIM 사용 여부를 알려 주세요.', en: 'Please tell us whether you used an eSIM.' } },
    } as CaseDefinition['rules']['rules'][number]);
    const versions = stack.api.get(CaseVersions);
    const saved = await versions.save(TELECOM_CASE_SLUG, next, 'counsel@test');
    await versions.activate(TELECOM_CASE_SLUG, saved.version, 'counsel@test', 'asks about eSIMs');
    await waitFor('the re-scored claim to wait for the answer', async () => (await statusOf(claimId)) === 'needs_information', 30_000);

    const page = await get(link);
    const item = element(page.body, 'data-testid="deficiency-questions"', 'li')!;
    expect(textOf(item)).toContain('질문에 답해 주세요: 유출 당시 eSIM을 쓰고 있었나요?');
    expect(item).toContain('action="/status/answers"');
    expect(item).toMatch(/<fieldset id="f-q-esimUsed" data-question="esimUsed">\s*<legend>유출 당시 eSIM을 쓰고 있었나요\?<\/legend>/);
    expect(item).toContain('name="q.esimUsed" value="yes"');
    expect(item).toContain('name="question" value="esimUsed"');

    // No choice made: the cure refuses it, beside the question, and nothing changes.
    const missing = await post('/status/answers', { token, lang: 'ko', question: 'esimUsed' });
    expect(missing.status).toBe(400);
    expect(textOf(element(missing.body, 'id="f-q-esimUsed-error"', 'p')!)).toContain('유출 당시 eSIM을 쓰고 있었나요? 항목을 입력해 주세요');
    expect(missing.body).toContain('aria-describedby="f-q-esimUsed-error"');
    expect(await statusOf(claimId)).toBe('needs_information');

    const answered = await post('/status/answers', { token, lang: 'ko', question: 'esimUsed', 'q.esimUsed': 'no' });
    expect(answered.status).toBe(303);
    expect(answered.location).toBe(`/status?${new URLSearchParams({ token, lang: 'ko', notice: 'answered' })}`);
    await waitFor('the cured claim to be checked again', async () => (await statusOf(claimId)) === 'screened', 20_000);
    const [claim] = await stack.query(`SELECT answers FROM claims WHERE id = $1`, [claimId]);
    expect(claim.answers).toMatchObject({ esimUsed: false, subscriber: true });
    expect((await moves(claimId)).slice(-2)).toEqual(['needs_information->submitted:claimant', 'submitted->screened:system']);
    expect(textOf((await get(answered.location!)).body)).toContain('답변을 받았습니다');
  });

  it('lets the claimant leave the suit through a confirmation page: no tick is refused beside the box, a tick withdraws once with one email', async () => {
    const { claimId, claimNumber, link, token } = await file(validClaim({ name: '백하람' }));
    const status = await get(link);
    const withdrawHref = /href="(\/status\/withdraw\?[^"]+)"/.exec(status.body)![1].replace(/&amp;/g, '&');
    expect(textOf(status.body)).toContain('소송에서 탈퇴하는 것과 개인정보 삭제를 요청하는 것은 다릅니다');

    const confirm = await get(withdrawHref);
    expect(confirm.status).toBe(200);
    expect(confirm.headers['cache-control']).toBe('no-store');
    expect(textOf(confirm.body)).toContain('비용은 들지 않습니다');
    expect(textOf(confirm.body)).toContain('개인정보는 법령이 정한 보관 기간이 끝날 때까지 보관한 뒤 파기합니다');
    expect(confirm.body).toMatch(/<input type="checkbox" id="f-confirm" name="confirm" value="yes" required>/);

    const unticked = await post('/status/withdraw', { token, lang: 'ko' });
    expect(unticked.status).toBe(400);
    expect(textOf(element(unticked.body, 'id="f-confirm-error"', 'p')!)).toContain('철회하려면 확인란을 체크해 주세요');
    expect(unticked.body).toMatch(/id="f-confirm"[^>]*aria-invalid="true" aria-describedby="f-confirm-error"/);
    expect(await statusOf(claimId)).toBe('screened');

    const done = await post('/status/withdraw', { token, confirm: 'yes', lang: 'ko' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/status?${new URLSearchParams({ token, lang: 'ko', notice: 'withdrawn' })}`);
    expect(await statusOf(claimId)).toBe('withdrawn');
    await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`탈퇴했습니다 (${claimNumber})`));
    // Sent again (a double tap): still one withdrawal, one email.
    expect((await post('/status/withdraw', { token, confirm: 'yes', lang: 'ko' })).status).toBe(303);
    expect(await count(`notifications WHERE claim_id = $1 AND template = 'claim-withdrawn'`, [claimId])).toBe(1);
    expect((await moves(claimId)).filter((m) => m.includes('->withdrawn'))).toEqual(['screened->withdrawn:claimant']);

    // A withdrawn claim's page says so and offers no upload and no withdrawal.
    const after = await get(done.location!);
    expect(textOf(after.body)).toContain('소송 참여를 철회했습니다');
    expect(textOf(element(after.body, 'data-testid="claim-status"', 'strong')!).trim()).toBe('철회됨');
    expect(after.body).not.toContain('action="/status/evidence"');
    expect(after.body).not.toContain('href="/status/withdraw');
    expect(after.body).toContain('href="/status/delete');
  });

  it('records a deletion request due in 10 days (Seoul), withdraws the claim and sends one email', async () => {
    const { claimId, claimNumber, link, token } = await file(validClaim({ name: '노은별' }));
    const deleteHref = /href="(\/status\/delete\?[^"]+)"/.exec((await get(link)).body)![1].replace(/&amp;/g, '&');
    const confirm = await get(deleteHref);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.body)).toContain('소송에서도 탈퇴하게 됩니다');
    expect(textOf(confirm.body)).toContain('10일 안에 개인정보를 삭제하고');
    expect(textOf(confirm.body)).toContain('서명한 위임계약 기록 등');

    const unticked = await post('/status/delete', { token, lang: 'ko' });
    expect(unticked.status).toBe(400);
    expect(textOf(element(unticked.body, 'id="f-confirm-error"', 'p')!)).toContain('삭제를 요청하려면 확인란을 체크해 주세요');
    expect(await count(`claimant_requests WHERE claim_id = $1`, [claimId])).toBe(0);

    const done = await post('/status/delete', { token, confirm: 'yes', lang: 'ko' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/status?${new URLSearchParams({ token, lang: 'ko', notice: 'deletion' })}`);
    expect(await stack.query(`SELECT kind, status, due_by::text FROM claimant_requests WHERE claim_id = $1`, [claimId])).toEqual([
      { kind: 'deletion', status: 'open', due_by: addDays(seoulToday(), 10) },
    ]);
    expect(await statusOf(claimId)).toBe('withdrawn');
    await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`개인정보 삭제 요청을 받았습니다 (${claimNumber})`));
    expect(await count(`notifications WHERE claim_id = $1`, [claimId])).toBe(2); // the receipt, and this one
    expect(await count(`notifications WHERE claim_id = $1 AND template = 'claim-deletion-requested'`, [claimId])).toBe(1);

    const after = await get(done.location!);
    const open = textOf(element(after.body, 'data-testid="deletion-open"', 'p')!);
    const due = new Date(`${addDays(seoulToday(), 10)}T12:00:00+09:00`).toLocaleDateString('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'long' });
    expect(open).toContain(`${due}까지 처리하고`);
    expect(after.body).not.toContain('href="/status/delete');
  });

  it("shows the claimant their data as a page, the mandate exactly as signed, logged once as their own read", async () => {
    const body = validClaim({ name: '서하윤' });
    const { claimId, claimNumber, link, token } = await file(body);
    const status = await get(link);
    expect(status.body).toContain(`href="/api/claims/my-data?${new URLSearchParams({ token }).toString().replace(/&/g, '&amp;')}"`);
    const href = /href="(\/status\/my-data\?[^"]+)"/.exec(status.body)![1].replace(/&amp;/g, '&');
    const [claimant] = await stack.query(`SELECT claimant_id FROM claims WHERE id = $1`, [claimId]);
    const logged = () => count(`access_log WHERE action = 'claimant.export' AND subject_claimant_id = $1`, [claimant.claimant_id]);
    expect(await logged()).toBe(0);

    const page = await get(href);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(await logged()).toBe(1);
    const text = textOf(page.body);
    expect(text).toContain(claimNumber);
    expect(text).toContain('서하윤');
    expect(text).toContain(body.claimant.email);
    expect(text).toContain(body.claimant.address.line1);
    // The answers in the questions' words.
    expect(text).toContain('쿠팡에서 어떤 통지를 받으셨나요?');
    // The consents with their versions and hashes, the signature record.
    const [consent] = await stack.query(`SELECT version, encode(text_sha256, 'hex') AS sha FROM consents WHERE claim_id = $1 AND purpose = 'collection'`, [claimId]);
    expect(element(page.body, 'data-testid="my-data-consents"', 'section')).toContain(`<code>${consent.sha}</code>`);
    expect(text).toContain(consent.version);
    const [signature] = await stack.query(`SELECT document_version, encode(document_sha256, 'hex') AS sha, user_agent FROM signatures WHERE claim_id = $1`, [claimId]);
    expect(page.body).toContain(`data-testid="signature-sha256">${signature.sha}<`);
    expect(text).toContain(signature.document_version);
    expect(textOf(element(page.body, 'data-testid="signature-typed-name"', 'span')!)).toContain('서하윤');
    // The mandate exactly as shown: its text on the page hashes to the signed record.
    const pre = /<pre class="mandate" tabindex="0" lang="ko" data-testid="mandate-text">([\s\S]*?)<\/pre>/.exec(page.body)![1];
    const shown = pre.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(shown).toContain('성명: 서하윤');
    expect(sha256(shown)).toBe(signature.sha);
    expect(textOf(element(page.body, 'data-testid="my-data-assessments"', 'section')!)).toContain('230,000원');
  });

  it('answers a forged or replaced link with a 404 page in Korean, with the way to a new link, and mails a new link the same way for any address', async () => {
    const forged = await get('/status?token=a~b~1.zzzzzz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(forged.status).toBe(404);
    expect(forged.headers['cache-control']).toBe('no-store');
    expect(textOf(forged.body)).toContain('링크가 올바르지 않거나 만료되었습니다');
    expect(textOf(forged.body)).toContain('신청 현황 링크 다시 받기');
    expect(forged.body).not.toContain('/status-link');
    for (const url of ['/status/withdraw?token=forged', '/status/delete?token=forged', '/status/my-data?token=forged']) {
      const res = await get(url);
      expect({ url, status: res.status, said: textOf(res.body).includes('링크가 올바르지 않거나 만료되었습니다') }).toEqual({ url, status: 404, said: true });
    }
    expect((await post('/status/withdraw', { token: 'forged', confirm: 'yes', lang: 'ko' })).status).toBe(404);
    // Told which case it was, the page links to that case's form for a new link; an unknown case gets the plain text.
    const withCase = await get(`/status?token=forged&case=${DEMO_CASE_SLUG}`);
    expect(withCase.body).toContain(`href="/c/${DEMO_CASE_SLUG}/status-link?lang=ko"`);
    expect((await get('/status?token=forged&case=no-such-case')).body).not.toContain('/status-link');

    // A new link, asked for on the page: the old one stops working, the new one works.
    const { claimId, link, email } = await file(validClaim({ name: '하도윤' }));
    const form = await get(`/c/${DEMO_CASE_SLUG}/status-link`);
    expect(form.status).toBe(200);
    expect(form.body).toMatch(/<form method="post" action="\/c\/coupang-2025\/status-link" novalidate data-pow/);
    expect(form.body).toContain('<input type="hidden" name="altcha" value="">');
    const noProof = await post(`/c/${DEMO_CASE_SLUG}/status-link`, { email, lang: 'ko' });
    expect(noProof.status).toBe(400);
    const asked = Date.now();
    const pow = () => solvedChallenge(stack.api).then((h) => Object.values(h)[0]);
    const sent = await post(`/c/${DEMO_CASE_SLUG}/status-link`, { lang: 'ko', altcha: await pow(), email });
    expect(sent.status).toBe(303);
    const sentPage = await get(sent.location!);
    expect(textOf(sentPage.body)).toContain('이 이메일 주소로 접수된 신청이 있다면 새 현황 링크를 보내 드렸습니다');
    const mail = await stack.smtp.waitFor((m) => m.receivedAt >= asked && JSON.stringify(m.to ?? '').includes(email) && /새 신청 현황 링크/.test(m.subject ?? ''));
    const fresh = `/status?token=${/status\?token=(\S+)/.exec(mail.text ?? '')![1]}`;
    expect((await get(fresh)).status).toBe(200);
    const old = await get(link);
    expect(old.status).toBe(404);
    expect(textOf(old.body)).toContain('링크가 올바르지 않거나 만료되었습니다');
    // An address without a claim gets the same page, and nothing is sent.
    const before = await count(`notifications`, []);
    const unknown = await post(`/c/${DEMO_CASE_SLUG}/status-link`, { lang: 'ko', altcha: await pow(), email: `nobody-${randomBytes(4).toString('hex')}@example.com` });
    expect(unknown.location).toBe(sent.location);
    expect(await count(`notifications`, [])).toBe(before);
    const badAddress = await post(`/c/${DEMO_CASE_SLUG}/status-link`, { lang: 'ko', altcha: await pow(), email: 'not an address' });
    expect(badAddress.status).toBe(400);
    expect(textOf(element(badAddress.body, 'id="f-email-error"', 'p')!)).toContain('이메일 주소를 확인해 주세요');
    expect(await statusOf(claimId)).toBe('screened');
  });

  it('refuses a cross-site post with a 403 page and changes nothing', async () => {
    const { claimId, token } = await file(validClaim({ name: '권이안' }));
    const crossSite = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
    for (const [url, fields] of [
      ['/status/withdraw', { token, confirm: 'yes', lang: 'ko' }],
      ['/status/delete', { token, confirm: 'yes', lang: 'ko' }],
      ['/status/answers', { token, lang: 'ko', question: 'noticeReceived', 'q.noticeReceived': 'leak' }],
    ] as const) {
      const res = await post(url, fields, crossSite);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(textOf(res.body)).toContain('다른 사이트에서 보낸 요청은 받을 수 없습니다');
    }
    const upload403 = await upload({ token, kind: 'breach_notice', lang: 'ko' }, { name: 'notice.png', type: 'image/png', bytes: await screenshot() }, crossSite);
    expect(upload403.status).toBe(403);
    expect(await statusOf(claimId)).toBe('screened');
    expect(await count(`claimant_requests WHERE claim_id = $1`, [claimId])).toBe(0);
    expect(await count(`evidence_files WHERE owner_id = $1`, [claimId])).toBe(0);
    expect(await count(`claim_events WHERE claim_id = $1`, [claimId])).toBe(2);
  });

  it('speaks English with lang=en, and the language switch keeps the page and its link', async () => {
    const body = validClaim({ name: '류시온' });
    body.answers.noticeReceived = 'none';
    const { link, token } = await file(body);
    const ko = await get(link);
    const tokenQuery = new URLSearchParams({ token }).toString().replace(/&/g, '&amp;');
    expect(ko.body).toContain(`href="/status?${tokenQuery}&amp;lang=en" lang="en"`);
    const en = await get(`${link}&lang=en`);
    expect(en.status).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    const text = textOf(en.body);
    expect(text).toContain('Claim status');
    expect(text).toContain('More information needed');
    expect(text).toContain('A screenshot of the breach notice (text, email or app)');
    expect(text).toContain('courts have often awarded less than this');
    expect(text).toContain('Leaving the suit and deleting your data are different things');
    expect(en.body).toContain('name="lang" value="en"');
    expect(en.body).toContain(`href="/status?${tokenQuery}&amp;lang=ko" lang="ko"`);
    // The confirmation page's switch stays on it; its refusal is in English.
    const withdraw = await get(`/status/withdraw?${new URLSearchParams({ token, lang: 'en' })}`);
    expect(textOf(withdraw.body)).toContain('It costs you nothing');
    expect(withdraw.body).toContain(`href="/status/withdraw?${tokenQuery}&amp;lang=ko"`);
    const unticked = await post('/status/withdraw', { token, lang: 'en' });
    expect(textOf(unticked.body)).toContain('Tick the box to confirm the withdrawal.');
    const refused = await upload({ token, kind: 'breach_notice', lang: 'en' }, { name: 'notice.png', type: 'image/png', bytes: program() });
    expect(textOf(element(refused.body, 'id="f-file-breach_notice-error"', 'p')!)).toContain('Programs (EXE) cannot be uploaded');
    expect(textOf((await get(`/status?token=forged&lang=en`)).body)).toContain('This link is invalid or has expired');
  });
});
