import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { proofOfWorkSecrets, PROOF_OF_WORK_ALGORITHM, PROOF_OF_WORK_HEADER } from '@app/protection';
import { validClaim } from '../support/claim-fixture';
import { inject, Reply, submitClaim } from '../support/http';
import { solvedChallenge } from '../support/protection';
import { TestStack } from '../support/test-app';

/**
 * What a script pays to flood intake: every claim and every code request costs a solved
 * proof-of-work challenge, and limits per network, per email, per mobile and per case answer
 * 429 with Retry-After in the claimant's language, writing nothing.
 *
 * The API trusts the test itself as a proxy, so each test speaks from its own X-Forwarded-For
 * address and its per-IP counts start at zero.
 */
const LIMITS = {
  TRUSTED_PROXIES: '127.0.0.1',
  RATE_LIMIT_PER_IP: '3/600',
  RATE_LIMIT_PER_EMAIL: '2/3600',
  RATE_LIMIT_PER_PHONE: '2/3600',
  RATE_LIMIT_CODES_PER_EMAIL: '2/3600',
};

let nextAddress = 10;
/** A network of its own for each caller. */
const fromNewAddress = () => ({ 'x-forwarded-for': `203.0.113.${nextAddress++}` });

function expectLimited(res: Reply, language: 'ko' | 'en' = 'ko') {
  expect(res.status).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['content-language']).toBe(language);
  expect(res.body).toMatchObject({ statusCode: 429, code: 'request.rateLimited' });
  expect(res.body.message).toBe(
    language === 'ko' ? '짧은 시간에 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.' : 'Too many requests in a short time. Please try again in a moment.',
  );
}

describe('abuse limits on the public writes', () => {
  let stack: TestStack;
  const counts = async () => (await stack.query<{ claims: number; notifications: number }>(
    'SELECT (SELECT count(*) FROM claims)::int AS claims, (SELECT count(*) FROM notifications)::int AS notifications',
  ))[0];
  const requestCode = (email: string, headers: Record<string, string>, options: { withoutProofOfWork?: boolean } = {}) =>
    (options.withoutProofOfWork ? Promise.resolve({}) : solvedChallenge(stack.api)).then((pow) =>
      inject(stack.api, 'POST', '/api/cases/coupang-2025/email-codes', { email }, { ...pow, ...headers }),
    );

  beforeAll(async () => {
    stack = await TestStack.start({ env: LIMITS });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('per network', () => {
    it('lets three claims through from one address, refuses the fourth with 429 and writes nothing', async () => {
      const network = fromNewAddress();
      for (let i = 0; i < 3; i++) expect((await submitClaim(stack.api, validClaim(), network)).status).toBe(201);
      const before = await counts();
      expectLimited(await submitClaim(stack.api, validClaim(), { ...network, 'accept-language': 'en' }), 'en');
      expect(await counts()).toEqual(before);
      // Another network is not held back by this one.
      expect((await submitClaim(stack.api, validClaim(), fromNewAddress())).status).toBe(201);
    });

    it('counts code requests and claims together, and limits before validating the body', async () => {
      const network = fromNewAddress();
      expect((await requestCode('first@example.com', network)).status).toBe(202);
      expect((await requestCode('second@example.com', network)).status).toBe(202);
      expect((await submitClaim(stack.api, validClaim(), network)).status).toBe(201);
      // Even an invalid claim is counted and refused: a flood of junk costs the same.
      const pow = await solvedChallenge(stack.api);
      expectLimited(await inject(stack.api, 'POST', '/api/cases/coupang-2025/claims', { claimant: 1 }, { ...pow, ...network }));
    });
  });

  describe('per person', () => {
    it('limits claims for one email address, from any network', async () => {
      const email = `repeat-${nextAddress}@example.com`;
      expect((await submitClaim(stack.api, validClaim({ email }), fromNewAddress())).status).toBe(201);
      expect((await submitClaim(stack.api, validClaim({ email }), fromNewAddress())).status).toBe(409);
      expectLimited(await submitClaim(stack.api, validClaim({ email }), fromNewAddress()));
    });

    it('counts Kim@ and kim@ as one address', async () => {
      const local = `Limit${nextAddress}`;
      expect((await submitClaim(stack.api, validClaim({ email: `${local}@example.com` }), fromNewAddress())).status).toBe(201);
      expect((await submitClaim(stack.api, validClaim({ email: `${local.toLowerCase()}@example.com` }), fromNewAddress())).status).toBe(409);
      expectLimited(await submitClaim(stack.api, validClaim({ email: `${local.toUpperCase()}@example.com` }), fromNewAddress()));
    });

    it('limits claims for one mobile number, whatever the email', async () => {
      const phone = '010-7777-0042';
      expect((await submitClaim(stack.api, validClaim({ phone }), fromNewAddress())).status).toBe(201);
      expect((await submitClaim(stack.api, validClaim({ phone }), fromNewAddress())).status).toBe(201);
      const before = await counts();
      expectLimited(await submitClaim(stack.api, validClaim({ phone }), fromNewAddress()));
      expect(await counts()).toEqual(before);
    });

    it('limits code emails to one address, so nobody can flood an inbox', async () => {
      const email = `inbox-${nextAddress}@example.com`;
      expect((await requestCode(email, fromNewAddress())).status).toBe(202);
      expect((await requestCode(email, fromNewAddress())).status).toBe(202);
      const before = await counts();
      expectLimited(await requestCode(email, fromNewAddress()));
      expect(await counts()).toEqual(before);
    });
  });

  describe('proof of work', () => {
    it('is required on a claim, named in the claimant\'s language, and nothing is written without it', async () => {
      const before = await counts();
      const res = await submitClaim(stack.api, validClaim(), fromNewAddress(), undefined, { withoutProofOfWork: true });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'request.proofOfWorkRequired', message: '보안 확인이 필요합니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.' });
      expect(await counts()).toEqual(before);
    });

    it('is required on a code request', async () => {
      const res = await requestCode('someone@example.com', { ...fromNewAddress(), 'accept-language': 'en' }, { withoutProofOfWork: true });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'request.proofOfWorkRequired', message: 'A security check is needed. Reload the page and try again.' });
    });

    it('works once: the same solution again is refused', async () => {
      const pow = await solvedChallenge(stack.api);
      expect((await submitClaim(stack.api, validClaim(), { ...pow, ...fromNewAddress() })).status).toBe(201);
      const again = await submitClaim(stack.api, validClaim(), { ...pow, ...fromNewAddress() });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('request.proofOfWorkInvalid');
    });

    it.each([
      ['garbage', () => Promise.resolve('not base64 json')],
      ['an oversized header', () => Promise.resolve('A'.repeat(5_000))],
      ['a wrong answer', async () => wrongAnswer(await stack.api.inject({ method: 'GET', url: '/api/challenge' }).then((r) => r.json()))],
      ['a challenge this server did not sign', () => foreignSolution()],
    ])('refuses %s', async (_label, header) => {
      const before = await counts();
      const res = await submitClaim(stack.api, validClaim(), { [PROOF_OF_WORK_HEADER]: await header(), ...fromNewAddress() });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.proofOfWorkInvalid');
      expect(await counts()).toEqual(before);
    });

    it('does not tell the client the answer: the counter is found by search, at the configured cost', async () => {
      const issued = await stack.api.inject({ method: 'GET', url: '/api/challenge' }).then((r) => r.json());
      expect(issued.parameters).toMatchObject({ algorithm: PROOF_OF_WORK_ALGORITHM, cost: stack.config.POW_COST });
      expect(JSON.stringify(issued)).not.toMatch(/counter/);
      expect(issued).toHaveProperty('signature');
    });
  });
});

describe('the per-case limit', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_PER_CASE: '2/600' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('holds the whole review queue to its rate, whoever sends', async () => {
    expect((await submitClaim(stack.api, validClaim(), fromNewAddress())).status).toBe(201);
    expect((await submitClaim(stack.api, validClaim(), fromNewAddress())).status).toBe(201);
    expectLimited(await submitClaim(stack.api, validClaim(), fromNewAddress()));
    expect(await stack.query('SELECT count(*)::int AS n FROM claims')).toEqual([{ n: 2 }]);
  });
});

/** A real solution with one digit of its derived key (the answer the server checks) changed. */
async function wrongAnswer(challenge: any): Promise<string> {
  const solution = (await solveChallenge({ challenge, deriveKey }))!;
  const key = solution.derivedKey;
  const derivedKey = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
  return Buffer.from(JSON.stringify({ challenge, solution: { ...solution, derivedKey } })).toString('base64');
}

/** A correctly solved challenge signed with someone else's key. */
async function foreignSolution(): Promise<string> {
  const challenge = await createChallenge({
    algorithm: PROOF_OF_WORK_ALGORITHM, cost: 1, counter: 3, deriveKey, expiresAt: new Date(Date.now() + 60_000), ...proofOfWorkSecrets('someone-else'),
  });
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
