import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { CaseSeeder, DEMO_CASE_ID, DEMO_CASE_SLUG, DEMO_DEFINITION, DEMO_FIRM } from '@app/cases';
import { FieldCipher } from '@app/crypto';
import { shownMandateSha256, validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Intake on the real Postgres: what one POST writes, and what it must never write. */
describe('claim intake', () => {
  let stack: TestStack;
  const count = async (table: string) => Number((await stack.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const counts = async () => ({
    claimants: await count('claimants'),
    claims: await count('claims'),
    events: await count('claim_events'),
    consents: await count('consents'),
    signatures: await count('signatures'),
    outbox: await count('outbox'),
  });

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('writes claimant, claim, event, consents, signature and one outbox row, and answers 201', async () => {
    const before = await counts();
    const body = validClaim();
    const res = await submitClaim(stack.api, body, { 'user-agent': 'jest-agent' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ claimId: expect.any(String), claimNumber: expect.stringMatching(/^CP-\d{4}-\d{4}-\d$/), status: 'submitted' });
    expect(await counts()).toEqual({
      claimants: before.claimants + 1,
      claims: before.claims + 1,
      events: before.events + 1,
      consents: before.consents + 3,
      signatures: before.signatures + 1,
      outbox: before.outbox + 1,
    });

    const [outbox] = await stack.query(`SELECT topic, aggregate_id FROM outbox ORDER BY id DESC LIMIT 1`);
    expect(outbox).toEqual({ topic: 'claim.submitted', aggregate_id: res.body.claimId });
    const consents = await stack.query(`SELECT purpose, granted, version, text_language, encode(text_sha256, 'hex') AS sha FROM consents WHERE claim_id = $1 ORDER BY purpose`, [res.body.claimId]);
    const consentSha = (purpose: string) => sha256(DEMO_DEFINITION.consents.items.find((c) => c.purpose === purpose)!.text.ko);
    expect(consents).toEqual([
      { purpose: 'collection', granted: true, version: body.consents.version, text_language: 'ko', sha: consentSha('collection') },
      { purpose: 'marketing', granted: false, version: body.consents.version, text_language: 'ko', sha: consentSha('marketing') },
      { purpose: 'third_party', granted: true, version: body.consents.version, text_language: 'ko', sha: consentSha('third_party') },
    ]);
    const [signature] = await stack.query(
      `SELECT s.document_version, s.document_language, encode(s.document_sha256, 'hex') AS sha, s.user_agent, s.signed_at
         FROM signatures s WHERE s.claim_id = $1`,
      [res.body.claimId],
    );
    // The hash of the mandate exactly as shown: the Korean text, for a request in Korean.
    expect(signature).toMatchObject({ document_version: DEMO_DEFINITION.mandate.version, document_language: 'ko', sha: shownMandateSha256(body, DEMO_CASE_SLUG, 'ko') });
    expect(signature.user_agent).toBe('jest-agent');
    expect(signature.signed_at).toBeInstanceOf(Date);
  });

  it('stores personal data only as ciphertext that decrypts to what was sent', async () => {
    const body = validClaim({ name: '이서연' });
    const res = await submitClaim(stack.api, body);
    const [row] = await stack.query(
      `SELECT c.id, c.name_enc, c.email_enc, c.phone_enc, c.birth_date_enc, c.address_enc, c.party_enc
         FROM claimants c JOIN claims cl ON cl.claimant_id = c.id WHERE cl.id = $1`,
      [res.body.claimId],
    );
    const cipher = stack.api.get(FieldCipher);
    const aad = (f: string) => `claimant:${row.id}:${f}`;
    expect(cipher.decrypt(row.name_enc, aad('name'))).toBe('이서연');
    expect(cipher.decrypt(row.email_enc, aad('email'))).toBe(body.claimant.email);
    expect(cipher.decrypt(row.phone_enc, aad('phone'))).toBe(body.claimant.phone.replace(/-/g, ''));
    expect(cipher.decrypt(row.birth_date_enc, aad('birth_date'))).toBe('1990-03-15');
    expect(JSON.parse(cipher.decrypt(row.address_enc, aad('address')))).toEqual({ ...body.claimant.address });
    // The party record: the same name, birth date and address, sealed together for the plaintiff list.
    expect(JSON.parse(cipher.decrypt(row.party_enc, aad('party')))).toEqual({ name: '이서연', birthDate: '1990-03-15', address: { ...body.claimant.address } });
    expect(() => cipher.decrypt(row.party_enc, aad('name'))).toThrow();
    // A value moved to another column or row does not decrypt.
    expect(() => cipher.decrypt(row.name_enc, aad('email'))).toThrow();
  });

  it('returns the same claim for the same Idempotency-Key, and writes nothing more', async () => {
    const body = validClaim();
    const first = await submitClaim(stack.api, body, { 'idempotency-key': 'retry-key-0001' });
    const before = await counts();
    const again = await submitClaim(stack.api, body, { 'idempotency-key': 'retry-key-0001' });
    expect(again.status).toBe(201);
    expect(again.body.claimId).toBe(first.body.claimId);
    expect(again.body.claimNumber).toBe(first.body.claimNumber);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await counts()).toEqual(before);
  });

  it('refuses an Idempotency-Key reused with a different body (422), and a malformed key (400)', async () => {
    await submitClaim(stack.api, validClaim(), { 'idempotency-key': 'retry-key-0002' });
    const other = await submitClaim(stack.api, validClaim(), { 'idempotency-key': 'retry-key-0002' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('request.idempotencyKeyReused');
    const bad = await submitClaim(stack.api, validClaim(), { 'idempotency-key': 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('answers 409 to the same person (email, any case) and emails the existing claimant once a day', async () => {
    const body = validClaim();
    const first = await submitClaim(stack.api, body);
    const before = await counts();
    const shouty = { ...validClaim(), claimant: { ...validClaim().claimant, email: `  ${body.claimant.email.toUpperCase()} ` } };
    shouty.signature.typedName = shouty.claimant.name;
    const second = await submitClaim(stack.api, shouty);
    const third = await submitClaim(stack.api, body, { 'accept-language': 'en' });

    expect(second.status).toBe(409);
    expect(second.body.code).toBe('claim.alreadyExists');
    expect(second.body.message).toContain('이메일로 보내 드렸습니다');
    expect(third.status).toBe(409);
    expect(third.body.message).toMatch(/emailed you a link/);
    const after = await counts();
    expect({ ...after, outbox: before.outbox }).toEqual(before); // no claim rows; only the notification's outbox row
    const notices = await stack.query(`SELECT template FROM notifications WHERE claim_id = $1`, [first.body.claimId]);
    expect(notices).toEqual([{ template: 'claim-exists' }]);
    expect(after.outbox).toBe(before.outbox + 1);
  });

  it('lets exactly one of many simultaneous submissions by the same person through', async () => {
    const body = validClaim();
    const replies = await Promise.all(Array.from({ length: 12 }, () => submitClaim(stack.api, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
  });

  it('turns simultaneous retries with one Idempotency-Key into one claim', async () => {
    const body = validClaim();
    const replies = await Promise.all(Array.from({ length: 8 }, () => submitClaim(stack.api, body, { 'idempotency-key': 'burst-key-0001' })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.claimId)).size).toBe(1);
    const rows = await stack.query(`SELECT count(*)::int AS n FROM claims WHERE idempotency_key = 'burst-key-0001'`);
    expect(rows[0].n).toBe(1);
  });

  it('rejects a stale consent version and a signature that is not the claimant, writing nothing', async () => {
    const before = await counts();
    const stale = validClaim();
    stale.consents.version = '2020-01-01';
    const wrongSigner = validClaim();
    wrongSigner.signature.typedName = '박철수';
    const a = await submitClaim(stack.api, stale);
    const b = await submitClaim(stack.api, wrongSigner);
    expect(a.status).toBe(400);
    expect(a.body.errors).toEqual([expect.objectContaining({ field: 'consents.version', code: 'currentVersion' })]);
    expect(b.status).toBe(400);
    expect(b.body.errors).toEqual([expect.objectContaining({ field: 'signature.typedName', code: 'matchesName' })]);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for an unknown case and 409 when intake is closed', async () => {
    expect((await submitClaim(stack.api, validClaim(), {}, 'no-such-case')).status).toBe(404);
    // A second case of the same firm whose intake window has passed.
    await stack.api.get(CaseSeeder).seed(DEMO_FIRM, [
      { id: '0190f5a0-0000-7000-8000-0000000000cc', definition: { ...DEMO_DEFINITION, slug: 'closed-case', intake: { opensAt: '2020-01-01T00:00:00+09:00', closesAt: '2021-01-01T00:00:00+09:00' } } },
    ]);
    const before = await counts();
    const closed = await submitClaim(stack.api, validClaim(), {}, 'closed-case');
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('case.intakeClosed');
    expect(await counts()).toEqual(before);
  });

  it('lets the database refuse a claim once intake has closed, even while the API still holds the case as open', async () => {
    expect((await submitClaim(stack.api, validClaim())).status).toBe(201); // the API now has the case cached as open
    await stack.query(`UPDATE cases SET intake_closes_at = now() - interval '1 second' WHERE id = $1`, [DEMO_CASE_ID]);
    try {
      const before = await counts();
      const late = await submitClaim(stack.api, validClaim());
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('case.intakeClosed');
      expect(await counts()).toEqual(before);
    } finally {
      await stack.query(`UPDATE cases SET intake_closes_at = '2028-11-29T00:00:00+09:00' WHERE id = $1`, [DEMO_CASE_ID]);
    }
  });

  it('serves the public facts of the case', async () => {
    const res = await stack.api.inject({ method: 'GET', url: '/api/cases/coupang-2025' });
    const body = res.json();
    expect(res.statusCode).toBe(200);
    expect(body.damages).toEqual({ minWon: 200_000, maxWon: 300_000, modelVersion: expect.any(String) });
    expect(body.consents.items.map((i: { purpose: string }) => i.purpose)).toEqual(['collection', 'third_party', 'marketing']);
    expect(body.mandate.sha256).toEqual({ ko: sha256(DEMO_DEFINITION.mandate.text.ko), en: sha256(DEMO_DEFINITION.mandate.text.en) });
    expect(body.questionnaire).toEqual(DEMO_DEFINITION.questionnaire);
    expect(body).not.toHaveProperty('rules');
    expect(body).not.toHaveProperty('id');
  });

  it('leaves no claimant name, email or phone in clear text in a pg_dump', async () => {
    const marker = validClaim({ name: '홍길동', email: 'dump-check-7731@example.com', phone: '010-7731-2468' });
    expect((await submitClaim(stack.api, marker)).status).toBe(201);
    const dump = execFileSync('pg_dump', ['--data-only', stack.db.url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dump).toContain('claimants'); // the dump did include the table
    for (const secret of ['홍길동', 'dump-check-7731', '7731-2468', '01077312468', '테헤란로']) expect(dump).not.toContain(secret);
  });
});
