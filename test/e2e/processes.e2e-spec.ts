import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { deleteQueueKeys } from '../support/redis-cleanup';
import { TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');

/** Runs a built app (npm test builds first) and collects what it prints. */
function run(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => output };
}

async function stop(child: ChildProcess, exited: Promise<[number | null, NodeJS.Signals | null]>) {
  child.kill('SIGTERM');
  return exited;
}

/** The real processes: how they refuse bad configuration, and how they stop. */
describe('api and worker processes', () => {
  let db: TestDatabase;
  const prefix = `test-proc-${process.pid}`;

  beforeAll(async () => {
    db = await TestDatabase.create();
  });
  afterAll(async () => {
    await db?.destroy();
    await deleteQueueKeys('redis://127.0.0.1:6379', prefix);
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'mysql://localhost/claims'],
    ['PII_KEYS', 'k1:tooshort'],
    ['REDIS_URL', 'localhost:6379'],
  ])('refuses to start with a bad %s, naming it', async (name, value) => {
    const api = run(API, { [name]: value, LOG_LEVEL: 'warn' });
    const [code] = await api.exited;
    expect(code).toBe(1);
    expect(api.output()).toContain(`${name}:`);
  });

  it('refuses production with the development keys', async () => {
    const api = run(API, { NODE_ENV: 'production' });
    const [code] = await api.exited;
    expect(code).toBe(1);
    expect(api.output()).toMatch(/PII_KEYS: the development key cannot be used in production/);
    expect(api.output()).toMatch(/BLIND_INDEX_KEY/);
  });

  it('refuses a worker with an unknown queue name', async () => {
    const worker = run(WORKER, { WORKER_QUEUES: 'claims,emails', DATABASE_URL: db.appUrl, QUEUE_PREFIX: prefix, WORKER_HEALTH_PORT: '0' });
    const [code] = await worker.exited;
    expect(code).toBe(1);
    expect(worker.output()).toContain('WORKER_QUEUES: unknown queue(s) emails');
  });

  it.each([
    ['api', API],
    ['worker', WORKER],
  ])('refuses to run the %s as a role that row-level security does not bind, naming DATABASE_URL', async (_name, script) => {
    const app = run(script, { DATABASE_URL: db.url, QUEUE_PREFIX: prefix, PORT: '0', WORKER_HEALTH_PORT: '0' });
    const [code] = await app.exited;
    expect(code).toBe(1);
    expect(app.output()).toMatch(/DATABASE_URL: the role "postgres" is a superuser/);
    expect(app.output()).toContain('claims_app');
  });

  it('stops the api and the worker cleanly on SIGTERM', async () => {
    const port = String(20_000 + (process.pid % 20_000));
    const env = { DATABASE_URL: db.appUrl, QUEUE_PREFIX: prefix, PORT: port, WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    const api = run(API, env);
    const worker = run(WORKER, env);
    await waitFor('api up', async () => (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null))?.ok);
    await waitFor('worker up', async () => worker.output().includes('worker started'));

    const [apiCode, apiSignal] = await stop(api.child, api.exited);
    const [workerCode, workerSignal] = await stop(worker.child, worker.exited);
    expect({ apiCode, apiSignal }).toEqual({ apiCode: 0, apiSignal: null });
    expect({ workerCode, workerSignal }).toEqual({ workerCode: 0, workerSignal: null });
    expect(worker.output()).toContain('worker stopped');
    // Shutdown closes in order: nothing uses a connection after it closed.
    expect(api.output() + worker.output()).not.toMatch(/Connection is closed/);
  });
});
