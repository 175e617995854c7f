import { createHash, randomUUID } from 'node:crypto';
import { issueEmailProof, SubmitClaimDto } from '@app/claimants';
import { BlindIndex, SignedTokens } from '@app/crypto';
import { StrictValidationPipe } from '@app/http';
import { validClaim } from '../support/claim-fixture';
import { inject, submitClaim } from '../support/http';
import { solvedChallenge } from '../support/protection';
import { TestStack } from '../support/test-app';

/**
 * Only an address's owner learns that it has a claim, and receipts go only to addresses whose
 * owner asked: a claim carries a short-lived proof from a six-digit code emailed to the address.
 * The address itself is taken only in a form a mail provider delivers as written.
 */
describe('email ownership', () => {
  let stack: TestStack;
  let caseId: string;
  const CODES = '/api/cases/coupang-2025/email-codes';
  const CODE_LINE = /(?:Code|확인 코드): (\d{6})/;

  const requestCode = async (email: string, headers: Record<string, string> = {}) =>
    inject(stack.api, 'POST', CODES, { email }, { ...(await solvedChallenge(stack.api)), ...headers });
  const verify = (id: string, code: string) => inject(stack.api, 'POST', `${CODES}/${id}/verify`, { code });
  /** The code in the newest email to `address`. */
  const codeSentTo = async (address: string) => {
    const mail = await stack.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(address) && CODE_LINE.test(m.text ?? ''));
    return CODE_LINE.exec(mail.text ?? '')![1];
  };
  /** The whole code step, as a client does it: the proof for `email`. */
  const proveOwnership = async (email: string) => {
    const requested = await requestCode(email, { 'accept-language': 'en' });
    expect(requested.status).toBe(202);
    const verified = await verify(requested.body.verificationId, await codeSentTo(email));
    expect(verified.status).toBe(200);
    return verified.body.emailProof as string;
  };
  const claimCount = async () => (await stack.query<{ n: number }>('SELECT count(*)::int AS n FROM claims'))[0].n;

  beforeAll(async () => {
    // The worker sends the code emails.
    stack = await TestStack.start({ worker: true });
    caseId = (await stack.query<{ id: string }>(`SELECT id FROM cases WHERE slug = 'coupang-2025'`))[0].id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('the code', () => {
    it('gets the same answer whether or not the address has a claim', async () => {
      const filed = validClaim();
      expect((await submitClaim(stack.api, filed)).status).toBe(201);
      const known = await requestCode(filed.claimant.email);
      const unknown = await requestCode(validClaim().claimant.email);
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(Object.keys(known.body).sort()).toEqual(['expiresAt', 'message', 'verificationId']);
      expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
      expect(known.body.message).toBe(unknown.body.message);
      // Both addresses get a code; neither email says whether a claim exists.
      await codeSentTo(filed.claimant.email);
    });

    it('works once, and gives a proof the claim can carry', async () => {
      const email = validClaim().claimant.email;
      const requested = await requestCode(email);
      const code = await codeSentTo(email);
      const first = await verify(requested.body.verificationId, code);
      expect(first.status).toBe(200);
      expect(typeof first.body.emailProof).toBe('string');
      expect(new Date(first.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const again = await verify(requested.body.verificationId, code);
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('emailCode.invalid');
    });

    it('gives every wrong case the same answer: a wrong code, an unknown or malformed id', async () => {
      const email = validClaim().claimant.email;
      const requested = await requestCode(email);
      const code = await codeSentTo(email);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      for (const res of [await verify(requested.body.verificationId, wrong), await verify(randomUUID(), code), await verify('not-a-uuid', code)]) {
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('emailCode.invalid');
      }
    });

    it('stops working after too many wrong tries, even with the right code', async () => {
      const email = validClaim().claimant.email;
      const requested = await requestCode(email);
      const code = await codeSentTo(email);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < stack.config.EMAIL_CODE_ATTEMPTS; i++) expect((await verify(requested.body.verificationId, wrong)).status).toBe(400);
      expect((await verify(requested.body.verificationId, code)).status).toBe(400);
    });

    it('expires', async () => {
      const email = validClaim().claimant.email;
      const requested = await requestCode(email);
      const code = await codeSentTo(email);
      await stack.query(`UPDATE email_verifications SET expires_at = now() - interval '1 second' WHERE id = $1`, [requested.body.verificationId]);
      expect((await verify(requested.body.verificationId, code)).status).toBe(400);
    });

    it('is not stored: the database holds no code, and the address only sealed and hashed', async () => {
      const email = validClaim().claimant.email;
      const requested = await requestCode(email);
      const code = await codeSentTo(email);
      const [row] = await stack.query(`SELECT row_to_json(v)::text AS json FROM email_verifications v WHERE id = $1`, [requested.body.verificationId]);
      expect(row.json).not.toContain(code);
      expect(row.json).not.toContain(email);
    });
  });

  describe('a claim', () => {
    it('without a proof is refused with 400 naming it, and nothing is written', async () => {
      const before = await claimCount();
      const res = await submitClaim(stack.api, validClaim(), {}, undefined, { withoutEmailProof: true });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'emailProof', code: 'isDefined', message: expect.stringMatching(/이메일/) })]);
      expect(await claimCount()).toBe(before);
    });

    it('with a proof of another address, of another case, or an expired one, is refused the same way', async () => {
      const body = validClaim();
      const tokens = stack.api.get(SignedTokens);
      const hash = stack.api.get(BlindIndex).hash('email', body.claimant.email);
      const inAnHour = new Date(Date.now() + 3_600_000);
      const proofs = [
        await proveOwnership(validClaim().claimant.email),
        issueEmailProof(tokens, randomUUID(), hash, inAnHour),
        issueEmailProof(tokens, caseId, hash, new Date(Date.now() - 1_000)),
        issueEmailProof(new SignedTokens('a key that is not the server key 0123456789'), caseId, hash, inAnHour),
      ];
      const before = await claimCount();
      for (const emailProof of proofs) {
        const res = await submitClaim(stack.api, { ...body, emailProof }, { 'accept-language': 'en' });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('claim.emailProofRequired');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'emailProof', code: 'emailProof' })]);
      }
      expect(await claimCount()).toBe(before);
    });

    it('with the proof from the code step is taken in; a second claim at the address, even as Kim@ for kim@, is a 409', async () => {
      const local = `Kim.${randomUUID().slice(0, 8)}`;
      const first = validClaim({ email: `${local}@example.com` });
      const created = await submitClaim(stack.api, { ...first, emailProof: await proveOwnership(first.claimant.email) });
      expect(created.status).toBe(201);
      // The address is stored exactly as the claimant wrote it, and that is where mail goes.
      const again = validClaim({ email: `${local.toLowerCase()}@EXAMPLE.com` });
      const conflict = await submitClaim(stack.api, { ...again, emailProof: await proveOwnership(`${local.toLowerCase()}@example.com`) });
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('claim.alreadyExists');
    });
  });

  describe('addresses taken only as a mail provider delivers them', () => {
    it.each([
      ['a quoted local part', '"bomb.target"@example.net'],
      ['a control character inside quotes', '"bomb\u0001target"@example.net'],
      ['a space inside quotes', '"bomb target"@example.net'],
      ['a comment', 'bomb(comment)target@example.net'],
      ['an IP literal', 'bomb@[127.0.0.1]'],
      ['a Cyrillic letter posing as Latin in the domain', 'bomb@exаmple.net'],
      ['a zero-width space', 'bomb\u200b@example.net'],
      ['a Hangul user name', '김민지@example.net'],
    ])('refuses %s, for a code and for a claim, writing nothing', async (_label, email) => {
      const code = await requestCode(email);
      expect(code.status).toBe(400);
      expect(code.body.errors).toEqual([expect.objectContaining({ field: 'email', code: 'deliverableEmail' })]);
      const before = await claimCount();
      const claim = await submitClaim(stack.api, validClaim({ email }));
      expect(claim.status).toBe(400);
      expect(claim.body.errors).toContainEqual(expect.objectContaining({ field: 'claimant.email', code: 'deliverableEmail' }));
      expect(await claimCount()).toBe(before);
    });

    it('takes a Korean domain, and sends to its ASCII form', async () => {
      const local = `idn${randomUUID().slice(0, 6)}`;
      const requested = await requestCode(`${local}@한국어.kr`);
      expect(requested.status).toBe(202);
      const mail = await stack.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(local));
      // The header as sent (the parser shows a punycode domain decoded).
      const to = mail.headerLines.find((h) => h.key === 'to')!.line;
      expect(to).toContain(`${local}@xn--3e0bk47br7k.kr`);
    });
  });

  it('fingerprints a request with a key, so a copy of the database cannot confirm a guessed submission', async () => {
    const body = validClaim();
    const proof = await proveOwnership(body.claimant.email);
    const sent = { ...body, emailProof: proof };
    expect((await submitClaim(stack.api, sent, { 'idempotency-key': 'fingerprint-0001' })).status).toBe(201);
    const [row] = await stack.query<{ fp: Buffer }>(`SELECT request_fingerprint AS fp FROM claims WHERE idempotency_key = 'fingerprint-0001'`);
    // The body as the API fingerprints it: after validation, as the DTO.
    const dto = await new StrictValidationPipe().transform(sent, { type: 'body', metatype: SubmitClaimDto, data: '' });
    const text = JSON.stringify(dto);
    // A positive control, so the negative checks below are about the right text: with the key it matches.
    expect(row.fp.equals(stack.api.get(BlindIndex).hash('request', `${caseId}\u0000${text}`))).toBe(true);
    // What someone holding the rows and a guess could compute without the key.
    for (const guess of [text, `${caseId}${text}`, `${caseId}\u0000${text}`]) {
      expect(row.fp.equals(createHash('sha256').update(guess).digest())).toBe(false);
    }
    // And the key does make it repeatable: the same request again replays the first answer.
    const replay = await submitClaim(stack.api, sent, { 'idempotency-key': 'fingerprint-0001' });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });
});
