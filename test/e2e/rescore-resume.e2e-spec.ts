import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { CaseVersions, DEMO_CASE_SLUG, DEMO_DEFINITION } from '@app/cases';
import { FieldCipher } from '@app/crypto';
import { seedAssessedClaims } from '../../bench/seed-claims';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const WORKER = join(__dirname, '..', '..', 'dist/apps/worker/src/main.js');
const CLAIMS = 3_000;

/**
 * Re-scoring survives a worker killed mid-run (SIGKILL: no shutdown, a transaction cut off):
 * nothing moves while no worker runs, a new worker takes the job over once its lock runs out and
 * carries on from the last committed chunk, and every claim ends up re-scored exactly once.
 */
describe('re-scoring after SIGKILL', () => {
  let stack: TestStack;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await stack?.stop();
  });

  /** The built worker, consuming the rescore queue only, in small chunks so the run takes a while. */
  const startWorker = () => {
    const child = spawn(process.execPath, [WORKER], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: stack.db.appUrl,
        REDIS_URL: stack.config.REDIS_URL,
        QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
        WORKER_QUEUES: 'rescore',
        OUTBOX_RELAY_ENABLED: 'true',
        WORKER_HEALTH_PORT: '0',
        RESCORE_CHUNK: '20',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    children.push(child);
    return { child, exited: once(child, 'exit'), output: () => output };
  };
  const runRow = async (id: string) => (await stack.query(`SELECT status, total, done, cursor FROM rescore_runs WHERE id = $1`, [id]))[0];

  it('resumes from the last committed chunk and re-scores every claim exactly once', async () => {
    await seedAssessedClaims((sql, params) => stack.query(sql, params), stack.api.get(FieldCipher), CLAIMS);
    const next = structuredClone(DEMO_DEFINITION);
    next.damages.version = 'coupang-2025.damages.v2';
    next.damages.tiers.levels[1].addWon = 40_000;
    const versions = stack.api.get(CaseVersions);
    await versions.save(DEMO_CASE_SLUG, next, 'test');
    const { activationId } = await versions.activate(DEMO_CASE_SLUG, 2, 'test');

    const first = startWorker();
    const partway = await waitFor('the first worker to commit some chunks', async () => {
      const run = await runRow(activationId!);
      return run && run.done >= 200 ? run : null;
    }, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await runRow(activationId!);
    expect(atKill.status).toBe('running');
    expect(atKill.done).toBeLessThan(atKill.total);
    expect(atKill.done).toBeGreaterThanOrEqual(partway.done);
    // Nothing moves while no worker runs.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await runRow(activationId!)).toEqual(atKill);

    const second = startWorker();
    const done = await waitFor('the second worker to finish the run', async () => {
      const run = await runRow(activationId!);
      return run?.status === 'done' ? run : null;
    }, 90_000);
    expect(done).toMatchObject({ total: CLAIMS, done: CLAIMS });

    // Exactly one new assessment per open claim, none for decided ones, no status moved twice.
    const [check] = await stack.query(
      `SELECT
         (SELECT count(*) FROM claims cl WHERE cl.status NOT IN ('approved','rejected','filed','withdrawn','submitted')
            AND (SELECT count(*) FROM claim_assessments a WHERE a.claim_id = cl.id AND a.model_version = 'coupang-2025.damages.v2') <> 1)::int AS "notOnce",
         (SELECT count(*) FROM claim_assessments a JOIN claims cl ON cl.id = a.claim_id
           WHERE a.model_version = 'coupang-2025.damages.v2' AND cl.status = 'approved')::int AS "decidedReassessed",
         (SELECT count(*) FROM claims WHERE status = 'approved')::int AS approved,
         (SELECT count(*) FROM claim_flags)::int AS flags,
         (SELECT count(*) FROM (SELECT claim_id FROM claim_events WHERE reason LIKE 're-scored%' GROUP BY claim_id HAVING count(*) > 1) twice)::int AS "movedTwice"`,
    );
    expect(check).toMatchObject({ notOnce: 0, decidedReassessed: 0, movedTwice: 0 });
    // Approved claims whose amount the new model changes are flagged, each once.
    expect(check.flags).toBeGreaterThan(0);
    expect(check.flags).toBeLessThanOrEqual(check.approved);
    // Progress is in the worker's log.
    expect(second.output()).toMatch(/"msg":"rescore progress"/);
    expect(second.output()).toMatch(/"msg":"rescore finished"/);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 180_000);
});
