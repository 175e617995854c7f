import { DEMO_FIRM_ID } from '@app/cases';
import { currentTotp, InviteStaff } from '@app/staff';
import { PageClient, textOf } from '../support/page-client';
import { createStaff, hiddenField, signIn, type StaffMember, testIdText } from '../support/staff';
import { TestStack } from '../support/test-app';

/**
 * Staff sign-in end to end through the pages: invitations, a password then a second factor,
 * recovery codes, lockout, idle timeout, sign-out everywhere, the session cookie and the
 * anti-forgery token.
 */
describe('staff sign-in', () => {
  let stack: TestStack;
  let admin: StaffMember;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = await createStaff(stack.api, 'admin', { name: '김관리' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('takes an invited admin through password, authenticator and recovery codes to their home', async () => {
    const { link } = await stack.api.get(InviteStaff).execute({ firmId: DEMO_FIRM_ID, email: 'New.Admin@Firm.example', name: '이하나', role: 'admin', by: 'test' });
    const browser = new PageClient(stack.api);
    const url = new URL(link);
    const page = await browser.get(url.pathname + url.search);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('이하나님, 환영합니다');
    const token = hiddenField(page.body, 'token');

    const weak = await browser.post('/staff/invitation', { token, password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(textOf(weak.body)).toContain('너무 흔하거나 추측하기 쉬운 비밀번호');
    const short = await browser.post('/staff/invitation', { token, password: 'short', lang: 'en' });
    expect(short.status).toBe(400);
    expect(textOf(short.body)).toContain('Use at least 12 characters');

    const chosen = await browser.post('/staff/invitation', { token, password: 'a long enough passphrase' });
    expect(chosen.status).toBe(303);
    expect(chosen.location).toMatch(/^\/staff\/enrol/);
    // The link is spent.
    expect((await new PageClient(stack.api).get(url.pathname + url.search)).status).toBe(404);

    const enrol = await browser.follow(chosen);
    expect(enrol.body).toContain('<svg');
    const secret = testIdText(enrol.body, 'totp-secret').replace(/\s/g, '');
    // Reloading shows the same key (not yet confirmed).
    expect(testIdText((await browser.get('/staff/enrol')).body, 'totp-secret').replace(/\s/g, '')).toBe(secret);
    const wrong = await browser.post('/staff/enrol', { code: '000000' });
    expect(wrong.status).toBe(400);
    const done = await browser.post('/staff/enrol', { code: currentTotp(secret) });
    expect(done.status).toBe(200);
    const codes = [...testIdText(done.body, 'recovery-codes').matchAll(/<li>([a-z0-9-]+)<\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const home = await browser.get('/staff');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/staff/accounts');
    expect(textOf((await browser.get('/staff/accounts')).body)).toContain('new.admin@firm.example');
  });

  it('signs in with the password and a code that works once', async () => {
    const browser = new PageClient(stack.api);
    const first = await browser.post('/staff/sign-in', { email: admin.email.toUpperCase(), password: admin.password });
    expect(first.status).toBe(303);
    // Half way, nothing of the console opens.
    expect((await browser.get('/staff/accounts')).status).toBe(401);
    const code = currentTotp(admin.secret, Date.now() + 30_000);
    const second = await browser.post('/staff/sign-in/code', { code });
    expect(second.status).toBe(303);
    expect(second.location).toBe('/staff/accounts');
    expect((await browser.get('/staff/accounts')).status).toBe(200);

    // The same code again, in another browser that knows the password: refused.
    const thief = new PageClient(stack.api);
    expect((await thief.post('/staff/sign-in', { email: admin.email, password: admin.password })).status).toBe(303);
    const replay = await thief.post('/staff/sign-in/code', { code });
    expect(replay.status).toBe(401);
    expect(textOf(replay.body)).toContain('인증 코드가 맞지 않습니다');
    expect((await thief.get('/staff/accounts')).status).toBe(401);
  });

  it('answers a wrong password, an unknown address and junk alike, and sets nothing', async () => {
    const failures = async () => (await stack.query(`SELECT failed_attempts FROM staff_accounts WHERE id = $1`, [admin.staffId]))[0].failed_attempts as number;
    const before = await failures();
    const answers = [];
    for (const form of [
      { email: admin.email, password: 'not the password at all' },
      { email: 'nobody@firm.example', password: 'not the password at all' },
      { email: 'not an address', password: 'x' },
      { email: admin.email, password: 'p'.repeat(5000) },
    ]) {
      const browser = new PageClient(stack.api);
      const reply = await browser.post('/staff/sign-in', form);
      answers.push({ status: reply.status, text: testIdText(reply.body, 'error-summary').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') });
      expect(browser.cookies.size).toBe(0);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].status).toBe(401);
    // The wrong password counted against the account; a success clears the count.
    expect(await failures()).toBe(before + 1);
    await signIn(stack.api, admin);
    expect(await failures()).toBe(0);
  });

  it('locks an account after repeated failures, for longer each time, and ends its sessions', async () => {
    const member = await createStaff(stack.api, 'paralegal');
    for (let i = 0; i < 6; i++) expect((await new PageClient(stack.api).post('/staff/sign-in', { email: member.email, password: 'wrong password number ' + i })).status).toBe(401);
    // The signed-in browser from enrolment is out too.
    expect((await member.client.get('/staff')).status).toBe(401);
    // The right password reads like a wrong one while locked.
    expect((await new PageClient(stack.api).post('/staff/sign-in', { email: member.email, password: member.password })).status).toBe(401);
    const [row] = await stack.query(`SELECT failed_attempts, locked_until > now() + interval '50 seconds' AS locked FROM staff_accounts WHERE id = $1`, [member.staffId]);
    expect(row).toEqual({ failed_attempts: 6, locked: true });
    // Once the lock has run out the right password works, and clears the count.
    await stack.query(`UPDATE staff_accounts SET locked_until = now() - interval '1 second' WHERE id = $1`, [member.staffId]);
    await signIn(stack.api, member);
    expect((await stack.query(`SELECT failed_attempts FROM staff_accounts WHERE id = $1`, [member.staffId]))[0].failed_attempts).toBe(0);
  });

  it('takes a recovery code once, in place of the authenticator', async () => {
    const member = await createStaff(stack.api, 'attorney');
    const browser = new PageClient(stack.api);
    await browser.post('/staff/sign-in', { email: member.email, password: member.password });
    const used = await browser.post('/staff/sign-in/code', { code: member.recoveryCodes[3].toUpperCase().replace('-', ' ') });
    expect(used.status).toBe(200);
    expect(textOf(used.body)).toContain('남은 복구 코드: 9개');
    expect((await browser.follow({ ...used, location: '/staff' })).location).toBe('/staff/claims');
    const again = new PageClient(stack.api);
    await again.post('/staff/sign-in', { email: member.email, password: member.password });
    expect((await again.post('/staff/sign-in/code', { code: member.recoveryCodes[3] })).status).toBe(401);
  });

  it('ends a session left idle, and every session on sign-out everywhere', async () => {
    const member = await createStaff(stack.api, 'admin');
    const laptop = member.client;
    const desk = await signIn(stack.api, member);
    expect((await laptop.get('/staff/accounts')).status).toBe(200);
    expect((await desk.get('/staff/accounts')).status).toBe(200);
    const idle = await stack.query(`SELECT id FROM staff_sessions WHERE revoked_at IS NULL AND stage = 'complete' ORDER BY created_at DESC LIMIT 1`);
    await stack.query(`UPDATE staff_sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [idle[0].id]);
    const timedOut = await desk.get('/staff/accounts');
    expect(timedOut.status).toBe(401);
    expect(timedOut.body).toContain('action="/staff/sign-in"');
    expect(hiddenField(timedOut.body, 'next')).toBe('/staff/accounts');

    const other = await signIn(stack.api, member);
    const page = await laptop.get('/staff/accounts');
    const out = await laptop.post('/staff/sign-out-everywhere', { _csrf: hiddenField(page.body, '_csrf') });
    expect(out.status).toBe(303);
    expect(out.location).toContain('/staff/sign-in?out=everywhere');
    expect((await laptop.get('/staff/accounts')).status).toBe(401);
    expect((await other.get('/staff/accounts')).status).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Strict cookie and refuses a post without the form token or from another site', async () => {
    const member = await createStaff(stack.api, 'admin');
    const browser = new PageClient(stack.api);
    await browser.post('/staff/sign-in', { email: member.email, password: member.password });
    const reply = await stack.api.inject({
      method: 'POST', url: '/staff/sign-in/code', payload: `code=${currentTotp(member.secret, Date.now() + 30_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'sec-fetch-site': 'same-origin' },
    });
    expect(reply.statusCode).toBe(303);
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(/^staff_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const session = cookie.split(';')[0];
    const page = await stack.api.inject({ method: 'GET', url: '/staff/accounts', headers: { cookie: session } });
    const csrf = hiddenField(page.body, '_csrf');
    const post = (headers: Record<string, string>, body: string) =>
      stack.api.inject({ method: 'POST', url: '/staff/accounts', payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session, ...headers } });
    const invite = 'name=%EB%B0%95%EC%A7%81%EC%9B%90&email=csrf%40firm.example&role=paralegal';
    expect((await post({ 'sec-fetch-site': 'same-origin' }, invite)).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-origin' }, `${invite}&_csrf=${'A'.repeat(43)}`)).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' }, `${invite}&_csrf=${csrf}`)).statusCode).toBe(403);
    expect((await post({ origin: 'https://evil.example' }, `${invite}&_csrf=${csrf}`)).statusCode).toBe(403);
    expect(await stack.query(`SELECT 1 FROM staff_accounts WHERE created_by = $1`, [member.staffId])).toHaveLength(0);
    const made = await post({ 'sec-fetch-site': 'same-origin' }, `${invite}&_csrf=${csrf}`);
    expect(made.statusCode).toBe(200);
    expect(testIdText(made.body, 'invitation-link')).toMatch(/^http:\/\/claims\.test\/staff\/invitation\?token=/);
  });

  it('keeps staff addresses and names sealed at rest', async () => {
    const rows = await stack.query<{ email_enc: Buffer; name_enc: Buffer; password_hash: string }>(`SELECT email_enc, name_enc, password_hash FROM staff_accounts`);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.email_enc.includes(Buffer.from('@firm.example'))).toBe(false);
      expect(row.name_enc.includes(Buffer.from('김관리'))).toBe(false);
      if (row.password_hash) expect(row.password_hash).toMatch(/^\$argon2id\$/);
    }
  });

  it('refuses an admin page to other roles and a bad invitation with field messages', async () => {
    const paralegal = await createStaff(stack.api, 'paralegal');
    expect((await paralegal.client.get('/staff/accounts')).status).toBe(403);
    const page = await admin.client.get('/staff/accounts');
    expect(page.status).toBe(200);
    const refused = await admin.client.post('/staff/accounts', { _csrf: hiddenField(page.body, '_csrf'), name: '', email: 'nope', role: 'owner' });
    expect(refused.status).toBe(400);
    const summary = textOf(testIdText(refused.body, 'error-summary'));
    expect(summary).toContain('이메일 주소를 확인해 주세요');
    expect(summary).toContain('이름 항목을 입력해 주세요');
    expect(summary).toContain('역할 항목은 허용된 값 중 하나여야 합니다');
    const taken = await admin.client.post('/staff/accounts', { _csrf: hiddenField(page.body, '_csrf'), name: '중복', email: admin.email, role: 'paralegal' });
    expect(taken.status).toBe(409);
    expect(textOf(taken.body)).toContain('이미 있습니다');
  });
});
