import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { validClaim } from '../support/claim-fixture';
import { TestStack } from '../support/test-app';

/**
 * The walking skeleton over real sockets, the way a client goes: it proves it holds the email
 * address (a code emailed to it), pays the proof of work, and submits; the claim reaches
 * Postgres, the worker assesses it, and the receipt arrives at a real SMTP server with a
 * working status link.
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
    const json = { 'content-type': 'application/json', 'accept-language': 'en' };
    const proofOfWork = async () => {
      const challenge: any = await (await fetch(`${stack.baseUrl}/api/challenge`)).json();
      const solution = await solveChallenge({ challenge, deriveKey });
      return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    };

    // 1. A code to the address; 2. the code back, for a proof of the address.
    const requested = await fetch(`${stack.baseUrl}/api/cases/coupang-2025/email-codes`, {
      method: 'POST',
      headers: { ...json, 'x-altcha': await proofOfWork() },
      body: JSON.stringify({ email: body.claimant.email }),
    });
    expect(requested.status).toBe(202);
    const { verificationId }: any = await requested.json();
    const codeMail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes('Your email confirmation code'));
    expect(codeMail.to).toMatchObject({ value: [{ address: body.claimant.email }] });
    const code = /Code: (\d{6})/.exec(codeMail.text ?? '')![1];
    const verified = await fetch(`${stack.baseUrl}/api/cases/coupang-2025/email-codes/${verificationId}/verify`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ code }),
    });
    expect(verified.status).toBe(200);
    const { emailProof }: any = await verified.json();

    // 3. The claim, with the proof and a fresh proof of work.
    const res = await fetch(`${stack.baseUrl}/api/cases/coupang-2025/claims`, {
      method: 'POST',
      headers: { ...json, 'idempotency-key': 'e2e-claim-0001', 'x-altcha': await proofOfWork() },
      body: JSON.stringify({ ...body, emailProof }),
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

    // One character of the signature changed (to a different one: a fixed 'x' is a no-op 1 time in 64).
    const token = link.split('token=')[1];
    const tamperedToken = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x');
    const tampered = await fetch(`${stack.baseUrl}/api/claims/status?token=${encodeURIComponent(tamperedToken)}`);
    expect(tampered.status).toBe(404);
  });
});
