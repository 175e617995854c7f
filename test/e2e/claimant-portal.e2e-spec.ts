import { createHash } from 'node:crypto';
import { DEMO_CASE_SLUG, DEMO_DEFINITION } from '@app/cases';
import { shownMandateSha256, validClaim } from '../support/claim-fixture';
import { inject, submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What a claimant can do through the status link besides looking: take their data, leave the suit. */
describe('the claimant portal actions', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Files a claim and returns its id, number and the status-link token from the receipt. */
  const file = async (body: ReturnType<typeof validClaim>) => {
    const res = await submitClaim(stack.api, body);
    expect(res.status).toBe(201);
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(res.body.claimNumber));
    return { claimId: res.body.claimId as string, claimNumber: res.body.claimNumber as string, token: /status\?token=(\S+)/.exec(mail.text ?? '')![1] };
  };

  it('gives the claimant their own data as a JSON file, logged as their own read, without staff-only signals', async () => {
    const first = validClaim({ name: '정다은' });
    await file(first);
    // The same mobile number again: staff see a duplicate signal; the claimant must not.
    const body = validClaim({ name: '정다은', phone: first.claimant.phone });
    const { claimId, claimNumber, token } = await file(body);
    expect((await stack.query(`SELECT status FROM claims WHERE id = $1`, [claimId]))[0].status).toBe('manual_review');

    const res = await stack.api.inject({ method: 'GET', url: `/api/claims/my-data?token=${token}`, remoteAddress: '203.0.113.9' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="claim-${claimNumber}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.you).toEqual({
      name: '정다은',
      birthDate: body.claimant.birthDate,
      email: body.claimant.email,
      phone: body.claimant.phone.replace(/-/g, ''),
      address: { ...body.claimant.address },
    });
    expect(data.claim).toMatchObject({ status: 'screened', answers: body.answers, caseVersion: 1 });
    expect(data.consents.map((c: { purpose: string; granted: boolean; textSha256: string }) => [c.purpose, c.granted, c.textSha256])).toEqual(
      ['collection', 'marketing', 'third_party'].map((p) => [p, p !== 'marketing', sha256(DEMO_DEFINITION.consents.items.find((i) => i.purpose === p)!.text.ko)]),
    );
    expect(data.signature).toMatchObject({ version: DEMO_DEFINITION.mandate.version, language: 'ko', textSha256: shownMandateSha256(body, DEMO_CASE_SLUG, 'ko'), typedName: '정다은', signer: 'claimant' });
    // The text itself, as shown: the case's mandate headed by the claimant's details, and it hashes to the record.
    expect(data.signature.text).toContain(`성명: 정다은`);
    expect(data.signature.text).toContain(DEMO_DEFINITION.mandate.text.ko);
    expect(sha256(data.signature.text)).toBe(data.signature.textSha256);
    expect(data.assessments).toEqual([expect.objectContaining({ trigger: 'submitted', verdict: 'eligible', estimateWon: 230_000 })]);
    expect(JSON.stringify(data)).not.toMatch(/one-person-one-claim|samePhone|manual_review|staffOnly/);

    const [claimant] = await stack.query(`SELECT claimant_id FROM claims WHERE id = $1`, [claimId]);
    const logged = await stack.query(`SELECT actor_type, actor_id, host(ip) AS ip, subject_claimant_id, action, fields FROM access_log WHERE action = 'claimant.export'`);
    expect(logged).toEqual([
      {
        actor_type: 'claimant',
        actor_id: claimant.claimant_id,
        ip: '203.0.113.9',
        subject_claimant_id: claimant.claimant_id,
        action: 'claimant.export',
        fields: ['address', 'birthDate', 'email', 'mandateText', 'name', 'phone', 'signatureIp', 'signedName'],
      },
    ]);
    expect((await inject(stack.api, 'GET', '/api/claims/my-data?token=forged')).status).toBe(404);
  });

  it('lets the claimant leave the suit once, with an event and one confirmation email', async () => {
    const body = validClaim({ name: '한지우' });
    const { claimId, claimNumber, token } = await file(body);

    const unconfirmed = await inject(stack.api, 'POST', '/api/claims/withdraw', { token });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.errors).toEqual([expect.objectContaining({ field: 'confirm', code: 'isDefined' })]);
    expect((await stack.query(`SELECT status FROM claims WHERE id = $1`, [claimId]))[0].status).toBe('screened');

    const res = await inject(stack.api, 'POST', '/api/claims/withdraw', { token, confirm: true }, { 'accept-language': 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'withdrawn', message: 'You have left the suit. We have emailed you a confirmation.' });
    const mail = await stack.smtp.waitFor((m) => (m.subject ?? '').includes(`탈퇴했습니다 (${claimNumber})`));
    expect(mail.text).toContain('한지우님');
    expect((await inject(stack.api, 'POST', '/api/claims/withdraw', { token, confirm: true })).status).toBe(200);

    const events = await stack.query(`SELECT from_status, to_status, actor FROM claim_events WHERE claim_id = $1 ORDER BY id`, [claimId]);
    expect(events.at(-1)).toEqual({ from_status: 'screened', to_status: 'withdrawn', actor: 'claimant' });
    expect(events.filter((e) => e.to_status === 'withdrawn')).toHaveLength(1);
    expect((await stack.query(`SELECT count(*)::int AS n FROM notifications WHERE claim_id = $1 AND template = 'claim-withdrawn'`, [claimId]))[0].n).toBe(1);

    const page = await stack.api.inject({ method: 'GET', url: `/status?token=${token}` });
    expect(page.body).toContain('철회됨');
    // Nothing more to cure on a withdrawn claim.
    expect((await inject(stack.api, 'POST', '/api/claims/cure', { token, answers: { noticeReceived: 'leak' } })).status).toBe(409);
  });
});
