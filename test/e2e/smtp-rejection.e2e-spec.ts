import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { validClaim } from '../support/claim-fixture';
import { submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const WORKER = join(__dirname, '..', '..', 'dist/apps/worker/src/main.js');

/**
 * A mail server that refuses a recipient says so with the address in its answer ("550 <kim@...>:
 * Recipient address rejected"). None of that may reach the worker's log, the notification rows or
 * Redis (BullMQ keeps a failed job's reason): the test files a claim with known personal values,
 * has the server refuse it, and searches everywhere for them. The worker is the built process,
 * so its log is exactly what an operator would collect.
 */
describe('an SMTP rejection', () => {
  const tag = randomBytes(4).toString('hex');
  const email = `rejected-${tag}@example.net`;
  const name = 'Zyxwu Qarbon';
  const phone = '010-5555-0199';
  const needles = [email, `rejected-${tag}`, phone, phone.replace(/-/g, ''), name];
  let stack: TestStack;
  let worker: ChildProcess;
  let exited: Promise<unknown>;
  let output = '';

  beforeAll(async () => {
    stack = await TestStack.start({ smtpRejectRecipient: (address) => address === email });
    worker = spawn(process.execPath, [WORKER], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        DATABASE_URL: stack.db.appUrl,
        REDIS_URL: stack.config.REDIS_URL,
        SMTP_URL: stack.smtp.url,
        QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
        WORKER_HEALTH_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d) => (output += d));
    worker.stderr!.on('data', (d) => (output += d));
    exited = once(worker, 'exit');
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    await exited;
    await stack?.stop();
  });

  it('leaves no personal data in logs, rows or Redis, and still tells the operator what happened', async () => {
    expect((await submitClaim(stack.api, validClaim({ email, phone, name }))).status).toBe(201);
    const accepted = validClaim();
    expect((await submitClaim(stack.api, accepted)).status).toBe(201);

    // The other claimant's receipt goes out; ours is refused and recorded.
    await stack.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(accepted.claimant.email), 30_000);
    const [failed] = await waitFor('the refused receipt to be recorded', async () => {
      const rows = await stack.query(`SELECT last_error FROM notifications WHERE last_error IS NOT NULL`);
      return rows.length > 0 && /job failed/.test(output) ? rows : null;
    }, 30_000);
    expect(failed.last_error).toMatch(/550/);
    expect(output).toMatch(/email send failed/);

    const rows = await stack.query<{ json: string }>(
      `SELECT row_to_json(n)::text AS json FROM notifications n UNION ALL SELECT row_to_json(o)::text FROM outbox o`,
    );
    const redis = await redisDump(stack.config.REDIS_URL, stack.config.QUEUE_PREFIX);
    expect(redis).toMatch(/email not sent/); // BullMQ kept the failure: the search below is not vacuous
    for (const needle of needles) {
      expect(output).not.toContain(needle);
      for (const { json } of rows) expect(json).not.toContain(needle);
      expect(redis).not.toContain(needle);
    }
  });
});

/** Every key under the prefix and its content, as text. */
async function redisDump(url: string, prefix: string): Promise<string> {
  const redis = new Redis(url);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const parts: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'hash' ? await redis.hgetall(key)
        : type === 'string' ? await redis.get(key)
        : type === 'list' ? await redis.lrange(key, 0, -1)
        : type === 'zset' ? await redis.zrange(key, 0, -1)
        : type === 'set' ? await redis.smembers(key)
        : type === 'stream' ? await redis.xrange(key, '-', '+')
        : null;
      parts.push(`${key} ${JSON.stringify(value)}`);
    }
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}
