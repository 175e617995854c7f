import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TcpProxy } from '../support/tcp-proxy';
import { TestStack } from '../support/test-app';
import { TEST_HEALTH_TOKEN } from '../support/test-config';
import { TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/** The failure rules: Postgres down is a quick 503 and heals by itself; Redis down does not stop intake. */
describe('outages', () => {
  let stack: TestStack;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;

  beforeAll(async () => {
    pgProxy = await new TcpProxy(5432).start();
    redisProxy = await new TcpProxy(6379).start();
    // The API reaches Postgres and Redis only through the proxies.
    const db = await TestDatabase.create();
    const viaProxy = db.appUrl.replace('127.0.0.1:5432', `127.0.0.1:${pgProxy.port}`);
    stack = await TestStack.start({ db, env: { DATABASE_URL: viaProxy, REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` } });
  });
  afterAll(async () => {
    await stack?.stop();
    await pgProxy?.stop();
    await redisProxy?.stop();
  });

  it('answers 503 quickly while Postgres is unreachable, writes nothing, and recovers by itself', async () => {
    expect((await submitClaim(stack.api, validClaim())).status).toBe(201);
    await pgProxy.cut();
    try {
      const down = await submitClaim(stack.api, validClaim());
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.body.message).toContain('입력한 내용은 저장되지 않았습니다');
      const ready = await stack.api.inject({ method: 'GET', url: '/health/ready', headers: { 'x-health-token': TEST_HEALTH_TOKEN } });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks.postgres.status).toBe('down');
    } finally {
      await pgProxy.restore();
    }
    const healed = await waitFor('intake to recover', async () => {
      const res = await submitClaim(stack.api, validClaim());
      return res.status === 201 ? res : null;
    });
    expect(healed.body.status).toBe('submitted');
    const counts = await stack.query(`SELECT (SELECT count(*) FROM claims)::int AS claims, (SELECT count(*) FROM claimants)::int AS claimants`);
    expect(counts[0].claims).toBe(counts[0].claimants);
  });

  it('keeps taking claims while Redis is unreachable: they wait in the outbox', async () => {
    await redisProxy.cut();
    try {
      const res = await submitClaim(stack.api, validClaim());
      expect(res.status).toBe(201);
      const [row] = await stack.query(`SELECT published_at FROM outbox WHERE aggregate_id = $1`, [res.body.claimId]);
      expect(row.published_at).toBeNull();
      // Readiness answers from a round of probes at most a second old: wait for one that saw the cut.
      const ready = await waitFor('readiness to see Redis down', async () => {
        const res = await stack.api.inject({ method: 'GET', url: '/health/ready', headers: { 'x-health-token': TEST_HEALTH_TOKEN } });
        return res.json().checks.redis.status === 'down' ? res : null;
      });
      expect(ready.statusCode).toBe(503);
    } finally {
      await redisProxy.restore();
    }
  });
});
