import Redis from 'ioredis';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { TEST_HEALTH_TOKEN } from '../support/test-config';
import { waitFor } from '../support/wait-for';

type Readiness = { status: string; checks: Record<string, { status: string } & Record<string, any>> };

async function readiness(baseUrl: string): Promise<{ code: number; body: Readiness }> {
  const res = await fetch(`${baseUrl}/health/ready`, { headers: { 'x-health-token': TEST_HEALTH_TOKEN } });
  return { code: res.status, body: (await res.json()) as Readiness };
}

/**
 * Readiness that tells the truth: a queue is stuck when work waits and nothing moves, and each
 * process answers for what it runs (the API for every queue, a worker for its own).
 */
describe('readiness', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { READINESS_STUCK_AFTER_SECONDS: '1' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('tells the public only up or down; the details need the token', async () => {
    const tries: Record<string, string>[] = [{}, { 'x-health-token': 'not-the-token-0123456789abcdef0123' }, { 'x-health-token': '' }];
    for (const headers of tries) {
      const res = await fetch(`${stack.baseUrl}/health/ready`, { headers });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
    const inside = await readiness(stack.baseUrl);
    expect(inside.body.status).toBe('ok');
    expect(Object.keys(inside.body.checks).sort()).toEqual(['outbox', 'postgres', 'queues', 'redis']);
  });

  it('is cheap: no SCAN or KEYS in Redis, however often it is asked', async () => {
    // Every command Redis runs, from MONITOR; other test files' cleanups scan their own prefixes.
    const client = new Redis(stack.config.REDIS_URL);
    const monitor = await client.monitor();
    const scans: string[] = [];
    let ours = 0;
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args.some((arg) => String(arg).includes(stack.config.QUEUE_PREFIX))) ours++;
      const [command = '', ...rest] = args.map(String);
      const others = rest.some((arg) => arg.includes('test-')) && !rest.some((arg) => arg.includes(stack.config.QUEUE_PREFIX));
      if (/^(scan|keys)$/i.test(command) && !others) scans.push(args.join(' '));
    });
    try {
      // Past the one-second cache each time, so every answer is computed afresh.
      for (let i = 0; i < 3; i++) {
        await Promise.all(Array.from({ length: 5 }, () => readiness(stack.baseUrl)));
        await new Promise((r) => setTimeout(r, 1_100));
      }
      expect((await readiness(stack.baseUrl)).code).toBe(200);
      expect(ours).toBeGreaterThan(0); // the monitor does see readiness's own commands
      expect(scans).toEqual([]);
    } finally {
      monitor.disconnect();
      client.disconnect();
    }
  });

  it('is ready with every queue idle, and a worker reports its own queues only', async () => {
    const worker = await stack.startWorker({ WORKER_QUEUES: 'notifications' });
    try {
      const api = await readiness(stack.baseUrl);
      expect(api.code).toBe(200);
      expect(Object.keys(api.body.checks).sort()).toEqual(['outbox', 'postgres', 'queues', 'redis']);
      expect(api.body.checks.queues).toMatchObject({ status: 'up', claims: { status: 'up' }, notifications: { status: 'up' } });
      const own = await readiness(await worker.getUrl());
      expect(own.code).toBe(200);
      expect(own.body.checks.queues).toMatchObject({ status: 'up', notifications: { status: 'up', workers: 1 } });
      expect(own.body.checks.queues).not.toHaveProperty('claims');
      expect((await fetch(`${await worker.getUrl()}/health/live`)).status).toBe(200);
      // The worker's HTTP server is for health only.
      expect((await fetch(`${await worker.getUrl()}/api/cases/coupang-2025`)).status).toBe(404);
    } finally {
      await stack.stopWorker();
    }
  });

  it('fails when claims wait in their queue and nothing moves them, and recovers when a worker takes them', async () => {
    // The relay runs, but no process consumes the claims queue: work piles up mid-stream.
    const relayOnly = await stack.startWorker({ WORKER_QUEUES: 'notifications' });
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await submitClaim(stack.api, validClaim())).body);
    const stuck = await waitFor('the API to report the claims queue stuck', async () => {
      const r = await readiness(stack.baseUrl);
      return r.code === 503 && r.body.checks.queues.claims?.status === 'down' ? r.body : null;
    });
    expect(stuck.checks.queues.claims).toMatchObject({ status: 'down', waiting: 3, workers: 0 });
    expect(stuck.checks.queues.claims.oldestWaitMs).toBeGreaterThan(1_000);
    expect(stuck.checks.queues.notifications.status).toBe('up');
    expect(stuck.checks.postgres.status).toBe('up');
    // The worker answers only for the queue it runs, which is fine.
    expect((await readiness(await relayOnly.getUrl())).code).toBe(200);
    await stack.stopWorker();

    await stack.startWorker();
    for (const claim of created) await stack.smtp.waitFor((m) => (m.subject ?? '').includes(claim.claimNumber));
    const healed = await waitFor('ready again', async () => {
      const r = await readiness(stack.baseUrl);
      return r.code === 200 ? r.body : null;
    });
    expect(healed.checks.queues.claims).toMatchObject({ status: 'up', waiting: 0 });
    await stack.stopWorker();
  });

  it('fails when due work waits in the outbox because no relay runs', async () => {
    await submitClaim(stack.api, validClaim());
    const stuck = await waitFor('the API to report the outbox stuck', async () => {
      const r = await readiness(stack.baseUrl);
      return r.code === 503 && r.body.checks.outbox.status === 'down' ? r.body : null;
    });
    expect(stuck.checks.outbox).toMatchObject({ status: 'down', due: 1 });
    expect(stuck.checks.outbox.lagMs).toBeGreaterThan(1_000);
    await stack.startWorker();
    await waitFor('ready again', async () => ((await readiness(stack.baseUrl)).code === 200 ? true : null));
    await stack.stopWorker();
  });
});
