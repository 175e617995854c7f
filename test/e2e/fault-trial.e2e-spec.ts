import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { runFaultTrial, TrialResult } from '../../bench/fault-trial-run';
import { rowCheckPassed } from '../../bench/integrity';
import { Cleanup, createScratchDatabase, openAdminPool } from '../../bench/scratch-environment';
import type { BenchSettings } from '../../bench/settings';
import { deleteQueueKeys } from '../support/redis-cleanup';
import { asUser, APP_ROLE } from '../support/test-database';

/**
 * The fault trial (npm run bench:faults) at test size, on the built processes: claims stream in
 * while two workers run; one is SIGKILLed, Redis loses every key, the worker comes back.
 */
describe('fault trial: worker killed and Redis wiped under load', () => {
  const stamp = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = `${process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432'}/claims_test_faults_${stamp}`;
  const settings: BenchSettings = {
    concurrency: 8,
    seconds: 8,
    warmupSeconds: 0,
    workerTimeoutSeconds: 120,
    databaseUrl,
    appDatabaseUrl: asUser(databaseUrl, APP_ROLE),
    databaseName: `claims_test_faults_${stamp}`,
    redisUrl: 'redis://127.0.0.1:6379',
    queuePrefix: `test-faults-${stamp}`,
  };
  const cleanup = new Cleanup();
  let admin: Pool;
  let result: TrialResult;

  beforeAll(async () => {
    cleanup.add('delete queue keys', async () => void (await deleteQueueKeys(settings.redisUrl, settings.queuePrefix)));
    await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
    admin = openAdminPool(settings.databaseUrl, cleanup);
    result = await runFaultTrial(settings, admin, { concurrency: 8, loadSeconds: 8, killAt: 2, wipeRedisAt: 4, restartAt: 5, settleTimeoutSeconds: 120 }, cleanup);
  }, 240_000);
  afterAll(async () => {
    await cleanup.run();
  });

  it('really killed a worker and wiped the run\'s Redis data while claims arrived', () => {
    expect(result.timeline.join('\n')).toMatch(/SIGKILL worker 1 \(signal SIGKILL\)/);
    expect(Number(/Redis loses its data: (\d+) keys/.exec(result.timeline.join('\n'))?.[1])).toBeGreaterThan(0);
    // Claims kept arriving across the faults: some before the kill, more between the kill and
    // the wipe, more between the wipe and the restart. (Counts, not a throughput: a slow machine
    // confirms fewer, but still some in every window of seconds.)
    const [atKill, atWipe, atRestart] = result.confirmedAtFault;
    expect(atKill).toBeGreaterThan(0);
    expect(atWipe).toBeGreaterThan(atKill);
    expect(atRestart).toBeGreaterThan(atWipe);
    expect(result.confirmed).toBeGreaterThanOrEqual(atRestart);
  });

  it('assesses every confirmed claim exactly once, and leaves none behind', () => {
    expect(result.settled).toBe(true);
    expect([result.claims, result.assessments, result.receipts].map((check) => ({ ...check, passed: rowCheckPassed(check) }))).toEqual(
      [result.claims, result.assessments, result.receipts].map((check) => ({ ...check, missing: 0, doubled: 0, unexpected: 0, passed: true })),
    );
    expect(result.stillSubmitted).toBe(0);
  });

  it('delivers every receipt, and delivers one twice only when its sender was killed mid-send', () => {
    expect(result.receiptsSent).toBe(result.confirmed);
    expect(result.deliveries).toMatchObject({ never: 0, more: 0, unexpected: 0 });
    expect(result.deliveries.once + result.deliveries.twice).toBe(result.confirmed);
    expect(result.doubledWithoutTakeover).toBe(0);
    expect(result.deliveries.twice).toBeLessThanOrEqual(result.takeovers);
  });
});
