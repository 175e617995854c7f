import { validClaim } from '../support/claim-fixture';
import { TestStack } from '../support/test-app';

/**
 * The walking skeleton over real sockets: a claimant's POST reaches Postgres, the worker
 * assesses it, and the receipt arrives at a real SMTP server with a working status link.
 */
describe('a claim from HTTP to email', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is taken in, assessed, and confirmed by email with a status link', async () => {
    const caseRes = await fetch(`${stack.baseUrl}/api/cases/coupang-2025`);
    const kase: any = await caseRes.json();
    expect(kase.intakeOpen).toBe(true);

    const body = validClaim({ name: 'Jane Park' });
    body.consents.version = kase.consents.version;
    body.answers.exposedData = ['name_email', 'phone_address', 'entry_code'];
    const res = await fetch(`${stack.baseUrl}/api/cases/coupang-2025/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en', 'idempotency-key': 'e2e-claim-0001' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    const created: any = await res.json();

    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(created.claimNumber));
    expect(mail.subject).toBe(`[Coupang data breach damages suit] We received your claim (${created.claimNumber})`);
    expect(mail.to).toMatchObject({ value: [{ address: body.claimant.email }] });
    expect(mail.text).toContain('Dear Jane Park');
    const link = /(http:\/\/claims\.test\/status\?token=\S+)/.exec(mail.text ?? '')![1];
    expect(mail.html).toContain(`href="${link}"`);

    // The emailed link, served by this API (PUBLIC_BASE_URL is only the public origin).
    const page = await fetch(link.replace('http://claims.test', stack.baseUrl), { headers: { 'accept-language': 'en' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(created.claimNumber);
    expect(html).toContain('Checked · waiting for a lawyer');
    expect(html).toContain('280,000 won');

    const tampered = await fetch(`${stack.baseUrl}/api/claims/status?token=${encodeURIComponent(link.split('token=')[1].replace(/.$/, 'x'))}`);
    expect(tampered.status).toBe(404);
  });
});
