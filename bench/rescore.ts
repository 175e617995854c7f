import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_CASE_SLUG, DEMO_DEFINITION } from '@app/cases';
import { AppConfig } from '@app/config';
import { FieldCipher } from '@app/crypto';
import { appEnv } from './app-env';
import { AppProcess, describeExit, sleep } from './app-process';
import { builtApp } from './dist-path';
import { Cleanup, createScratchDatabase, deleteRedisKeys, openAdminPool } from './scratch-environment';
import { seedAssessedClaims } from './seed-claims';
import { readSettings } from './settings';

/*
 * `npm run build && npm run bench:rescore` (BENCH_RESCORE_CLAIMS, default 1,000,000; BENCH_RESCORE_CHUNK;
 * BENCH_DATABASE_SERVER, BENCH_REDIS_URL)
 *
 * Seeds the demo case with N assessed claims straight into a scratch database (a realistic mix of
 * statuses, answers and a few decided claims), then activates a new damage model through the
 * real command (`npm run case -- save/activate`) and times the worker re-scoring them all:
 * seconds, claims per second, the worker's peak memory and its memory at each quarter. Then
 * checks the outcome: every open claim has exactly one new assessment, no decided claim changed.
 */

const CLAIMS = Number(process.env.BENCH_RESCORE_CLAIMS ?? 1_000_000);

async function main(): Promise<number> {
  const settings = readSettings();
  const cleanup = new Cleanup();
  const tmp = mkdtempSync(join(tmpdir(), 'rescore-bench-'));
  cleanup.add('remove temp files', async () => rmSync(tmp, { recursive: true, force: true }));
  try {
    console.log(`rescore benchmark: ${CLAIMS.toLocaleString('en-US')} claims; database ${settings.databaseName}, queue prefix ${settings.queuePrefix}`);
    cleanup.add('delete Redis keys', async () => void (await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)));
    await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
    const admin = openAdminPool(settings.databaseUrl, cleanup);
    // The seed's own activations ran on an empty case; nothing to re-score for them.
    await admin.query(`DELETE FROM outbox WHERE topic = 'case.activated'`);

    const seedStart = performance.now();
    const config = new AppConfig();
    await seedAssessedClaims((sql, params) => admin.query(sql, params), FieldCipher.fromConfig(config.PII_KEYS, config.PII_ACTIVE_KEY_ID), CLAIMS, (n) => {
      if (n % 200_000 === 0) process.stdout.write(`  ${n.toLocaleString('en-US')} claims seeded\n`);
    });
    await admin.query('VACUUM ANALYZE claims');
    await admin.query('VACUUM ANALYZE claim_assessments');
    await admin.query('CHECKPOINT');
    console.log(`seeded ${CLAIMS.toLocaleString('en-US')} claims in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    // A new damage model: phone/address and order history priced higher, a new version.
    const v2 = structuredClone(DEMO_DEFINITION);
    v2.damages.version = 'coupang-2025.damages.v2-bench';
    v2.damages.tiers.levels = v2.damages.tiers.levels.map((l) => ({ ...l, addWon: l.option === 'phone_address' ? 40_000 : l.option === 'order_history' ? 60_000 : l.addWon }));
    const file = join(tmp, 'coupang-2025.v2.json');
    writeFileSync(file, JSON.stringify(v2));
    const cliEnv = { PATH: process.env.PATH ?? '', DATABASE_URL: settings.appDatabaseUrl };
    console.log(execFileSync(process.execPath, [builtApp('cli', 'case'), 'save', file], { env: cliEnv, encoding: 'utf8' }).trim());

    const worker = AppProcess.start(
      'worker',
      appEnv(settings, {
        WORKER_QUEUES: 'rescore',
        OUTBOX_RELAY_ENABLED: 'true',
        WORKER_HEALTH_PORT: '0',
        ...(process.env.BENCH_RESCORE_CHUNK ? { RESCORE_CHUNK: process.env.BENCH_RESCORE_CHUNK } : {}),
        // The progress lines (one per chunk) say where a chunk's time goes.
        LOG_LEVEL: 'info',
      }),
    );
    cleanup.add('stop worker', async () => void (await worker.stop(10_000)));
    await sleep(2_000); // boot, so the figure is the re-scoring and not Nest starting
    const bootRssKb = worker.peakRssKb;
    const activatedAt = performance.now();
    console.log(execFileSync(process.execPath, [builtApp('cli', 'case'), 'activate', DEMO_CASE_SLUG, '2', 'benchmark'], { env: cliEnv, encoding: 'utf8' }).trim());

    const quarters: string[] = [];
    let run: { status: string; total: number; done: number; reassessed: number; moved: number; flagged: number } | undefined;
    for (;;) {
      run = (await admin.query(`SELECT status, total, done, reassessed, moved, flagged FROM rescore_runs WHERE to_version = 2`)).rows[0];
      if (run && quarters.length < 4 && run.done >= (run.total * (quarters.length + 1)) / 4) {
        quarters.push(`${(quarters.length + 1) * 25}%: ${(worker.peakRssKb / 1024).toFixed(0)} MiB`);
      }
      if (run && run.status !== 'running') break;
      const exit = await Promise.race([worker.exited, sleep(250)]);
      if (exit) throw new Error(`worker exited (${describeExit(exit)})\n${worker.recentLog()}`);
    }
    const seconds = (performance.now() - activatedAt) / 1000;
    const kernelPeak = worker.kernelPeakRssKb();
    console.log(`== re-scored ${run.done.toLocaleString('en-US')} claims in ${seconds.toFixed(1)} s: ${Math.round(run.done / seconds).toLocaleString('en-US')} claims/s`);
    console.log(`   new assessments ${run.reassessed.toLocaleString('en-US')}, status moves ${run.moved.toLocaleString('en-US')}, decided claims flagged ${run.flagged.toLocaleString('en-US')}`);
    console.log(`   worker memory: ${(bootRssKb / 1024).toFixed(0)} MiB after boot; peak ${(Math.max(kernelPeak, worker.peakRssKb) / 1024).toFixed(0)} MiB; peak so far at ${quarters.join(', ')}`);
    console.log(`   target: under 300 s for 1,000,000 claims, memory flat`);
    const lastProgress = worker.recentLog().split('\n').filter((l) => l.includes('"rescore progress"')).at(-1);
    if (lastProgress) console.log(`   last progress line: ${lastProgress.trim()}`);

    const checks = (
      await admin.query(
        `SELECT
           (SELECT count(*) FROM claims cl WHERE cl.status IN ('screened','needs_information','manual_review')
              AND (SELECT count(*) FROM claim_assessments a WHERE a.claim_id = cl.id AND a.model_version = $1) <> 1)::int AS "openWithoutOne",
           (SELECT count(*) FROM claim_assessments a JOIN claims cl ON cl.id = a.claim_id
             WHERE a.model_version = $1 AND cl.status IN ('approved','rejected','filed'))::int AS "decidedChanged",
           (SELECT count(*) FROM claim_events WHERE reason LIKE 're-scored%')::int AS "events"`,
        ['coupang-2025.damages.v2-bench'],
      )
    ).rows[0] as { openWithoutOne: number; decidedChanged: number; events: number };
    const ok = run.status === 'done' && checks.openWithoutOne === 0 && checks.decidedChanged === 0 && checks.events === run.moved;
    console.log(`   checks: open claims without exactly one new assessment ${checks.openWithoutOne}; decided claims given one ${checks.decidedChanged}; status events ${checks.events} (moves ${run.moved}): ${ok ? 'ok' : 'FAILED'}`);
    return ok ? 0 : 1;
  } finally {
    if (await cleanup.run()) console.log(`cleanup: dropped ${settings.databaseName}, deleted Redis keys ${settings.queuePrefix}:*`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
