import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { DEMO_CASE_SLUG } from '@app/cases';
import { measureApiIntake, IntakeResult } from './api-intake';
import { appEnv, benchAppSettings } from './app-env';
import { AppProcess, describeExit, ExitInfo, freePort } from './app-process';
import { postgresCpuMs, processCpuMs } from './cpu-time';
import { LoadResult, LoadWindow, percentile } from './fixed-time-load';
import {
  assessmentRowsSql,
  checkOnePerClaim,
  claimRowsSql,
  countStillSubmitted,
  describeCheck,
  duplicateIds,
  outboxRowsSql,
  RowCheck,
  rowCheckPassed,
} from './integrity';
import { CeilingResult, measureCeiling } from './postgres-ceiling';
import { BenchSettings, readSettings } from './settings';
import { Cleanup, createScratchDatabase, deleteRedisKeys, openAdminPool, resetIntakeTables } from './scratch-environment';
import { drainOutbox, DrainResult } from './worker-drain';

/*
 * `npm run build && npm run bench:intake` (BENCH_CONCURRENCY, BENCH_SECONDS, BENCH_WARMUP_SECONDS,
 * BENCH_WORKER_TIMEOUT_SECONDS, BENCH_DATABASE_SERVER, BENCH_REDIS_URL; see settings.ts)
 *
 * In one scratch database and queue prefix: (1) the raw-Postgres ceiling, the API's own
 * intake statement from N connections; (2) the running API under N concurrent submitters;
 * (3) the worker draining the outbox those submissions left; then checks that every
 * confirmed claim exists exactly once at every step. Prints figures; exits non-zero only
 * when integrity fails or the run breaks, never for a missed performance target.
 */

async function main(): Promise<number> {
  const settings = readSettings();
  const cleanup = new Cleanup();
  stopOnInterrupt(cleanup);
  try {
    return await runBenchmark(settings, cleanup);
  } finally {
    if (await cleanup.run()) console.log(`cleanup: dropped ${settings.databaseName}, deleted Redis keys ${settings.queuePrefix}:*`);
  }
}

async function runBenchmark(settings: BenchSettings, cleanup: Cleanup): Promise<number> {
  const { concurrency } = settings;
  const window: LoadWindow = { warmupMs: settings.warmupSeconds * 1000, measureMs: settings.seconds * 1000 };
  console.log(
    `intake benchmark: concurrency ${concurrency}, ${settings.seconds} s measured after ${settings.warmupSeconds} s warm-up; ` +
      `database ${settings.databaseName}, queue prefix ${settings.queuePrefix}`,
  );
  console.log(
    `settings: ${Object.entries(benchAppSettings()).filter(([k]) => k !== 'HEALTH_TOKEN').map(([k, v]) => `${k}=${v}`).join(' ')}; other limits at their defaults ` +
      `(each claimant has its own address, email and mobile); email proofs and proof of work minted with the development keys (cost 1)`,
  );

  cleanup.add('delete Redis keys', async () => void (await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)));
  await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
  const admin = openAdminPool(settings.databaseUrl, cleanup);

  console.log(`== ceiling: the intake statement (submit_claim) straight to Postgres as claims_app from ${concurrency} connections`);
  await resetIntakeTables(admin);
  const ceiling = await measureCeiling(settings.appDatabaseUrl, concurrency, window);
  console.log(`   ${rate(ceiling)} rows/s; latency ${latencies(ceiling)}`);
  await resetIntakeTables(admin);

  console.log(`== api: POST /api/cases/${DEMO_CASE_SLUG}/claims from ${concurrency} concurrent clients (worker not running)`);
  const api = await measureApi(settings, window, cleanup);
  console.log(`   ${rate(api.intake)} claims/s; latency ${latencies(api.intake)}; exit ${describeExit(api.exit)}`);

  const confirmed = new Set(api.intake.claimIds);
  const intakeChecks = [
    await checkOnePerClaim(admin, 'claims', confirmed, claimRowsSql),
    await checkOnePerClaim(admin, 'outbox claim.submitted', confirmed, outboxRowsSql),
  ];

  console.log(`== worker: draining ${confirmed.size} claims from the outbox to estimates (WORKER_QUEUES=claims)`);
  const worker = await measureWorker(settings, admin, confirmed.size, cleanup);
  console.log(`   ${worker.drain.assessed} assessed in ${worker.drain.seconds.toFixed(1)} s; exit ${describeExit(worker.exit)}`);

  const workerChecks = [await checkOnePerClaim(admin, 'claim_assessments', confirmed, assessmentRowsSql)];
  const stillSubmitted = await countStillSubmitted(admin);

  return printSummary(settings, ceiling, api, worker, {
    duplicateIds: duplicateIds(api.intake.claimIds),
    checks: [...intakeChecks, ...workerChecks],
    stillSubmitted,
  });
}

interface ApiPhase {
  intake: IntakeResult;
  /** CPU per confirmed claim over the whole phase, of the API and of Postgres, in ms. */
  cpuPerClaimMs: { api: number; postgres: number };
  peakRssKb: number;
  kernelPeakRssKb: number;
  exit: ExitInfo;
  process: AppProcess;
}

async function measureApi(settings: BenchSettings, window: LoadWindow, cleanup: Cleanup): Promise<ApiPhase> {
  const port = await freePort();
  const api = AppProcess.start(
    'api',
    appEnv(settings, { HOST: '127.0.0.1', PORT: String(port), DATABASE_POOL_SIZE: String(settings.concurrency) }),
  );
  cleanup.add('stop api', async () => void (await api.stop(5_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await api.waitForHttp(`${baseUrl}/health/live`);

  const cpuBefore = { api: processCpuMs(api.pid), postgres: postgresCpuMs() };
  const intake = await measureApiIntake(baseUrl, DEMO_CASE_SLUG, settings.concurrency, window);
  const claims = Math.max(1, intake.claimIds.length);
  const cpuPerClaimMs = { api: (processCpuMs(api.pid) - cpuBefore.api) / claims, postgres: (postgresCpuMs() - cpuBefore.postgres) / claims };
  const kernelPeakRssKb = api.kernelPeakRssKb(); // read before exit: /proc/<pid> goes with the process
  const exit = await api.stop();
  return { intake, cpuPerClaimMs, peakRssKb: api.peakRssKb, kernelPeakRssKb, exit, process: api };
}

interface WorkerPhase {
  drain: DrainResult;
  peakRssKb: number;
  exit: ExitInfo;
  process: AppProcess;
}

async function measureWorker(settings: BenchSettings, admin: Pool, expected: number, cleanup: Cleanup): Promise<WorkerPhase> {
  const spawnedAt = performance.now();
  const worker = AppProcess.start('worker', appEnv(settings, { WORKER_QUEUES: 'claims', OUTBOX_RELAY_ENABLED: 'true', WORKER_HEALTH_PORT: '0' }));
  cleanup.add('stop worker', async () => void (await worker.stop(5_000)));
  const drain = await drainOutbox(worker, admin, expected, spawnedAt, settings.workerTimeoutSeconds * 1000);
  if (!drain.complete) console.log(`   timed out after ${settings.workerTimeoutSeconds} s\n${worker.recentLog()}`);
  const exit = await worker.stop();
  return { drain, peakRssKb: worker.peakRssKb, exit, process: worker };
}

interface Integrity {
  duplicateIds: number;
  checks: RowCheck[];
  stillSubmitted: number;
}

function printSummary(settings: BenchSettings, ceiling: CeilingResult, api: ApiPhase, worker: WorkerPhase, integrity: Integrity): number {
  const { intake } = api;
  const errors = [...intake.outcomes].filter(([outcome]) => outcome !== '201').reduce((sum, [, n]) => sum + n, 0);
  const share = ceiling.succeeded > 0 ? `${((100 * intake.succeeded) / ceiling.succeeded).toFixed(1)}%` : 'n/a';
  const { drain } = worker;
  const lost = integrity.checks.reduce((sum, c) => sum + c.missing, 0);
  const doubled = integrity.duplicateIds + integrity.checks.reduce((sum, c) => sum + c.doubled + c.unexpected, 0);
  const passed = integrity.duplicateIds === 0 && integrity.checks.every(rowCheckPassed) && integrity.stillSubmitted === 0 && drain.complete;
  const rows = (label: string) => integrity.checks.find((c) => c.label === label)?.rows ?? 0;
  const mb = (kb: number) => (kb / 1024).toFixed(0);

  console.log('');
  console.log(`== results (concurrency ${settings.concurrency}, ${settings.seconds} s measured after ${settings.warmupSeconds} s warm-up)`);
  console.log(
    `intake:    ${intake.succeeded} claims in ${intake.seconds} s = ${rate(intake)} claims/s; latency p50/p95/p99 = ` +
      `${ms(intake, 50)}/${ms(intake, 95)}/${ms(intake, 99)} ms; errors ${errors}; API peak RSS ${mb(api.peakRssKb)} MB ` +
      `(kernel VmHWM ${mb(api.kernelPeakRssKb)} MB)`,
  );
  console.log(
    `ceiling:   ${rate(ceiling)} rows/s raw Postgres (one statement per claim, ${settings.concurrency} connections; ` +
      `p50/p99 ${ms(ceiling, 50)}/${ms(ceiling, 99)} ms) -> intake is ${share} of ceiling`,
  );
  console.log(
    `worker:    ${(drain.assessed / drain.seconds).toFixed(0)} claims/s outbox->estimate (${drain.assessed} claims in ` +
      `${drain.seconds.toFixed(1)} s from spawn; excluding boot: ${drain.activeRate === null ? 'n/a' : drain.activeRate.toFixed(0)} claims/s` +
      `${drain.activeSeconds === null ? '' : ` over ${drain.activeSeconds.toFixed(1)} s`}); worker peak RSS ${mb(worker.peakRssKb)} MB`,
  );
  console.log(
    `integrity: 201s=${intake.claimIds.length}, claim rows=${rows('claims')}, outbox rows=${rows('outbox claim.submitted')}, ` +
      `assessments=${rows('claim_assessments')}, lost=${lost}, doubled=${doubled}, still submitted=${integrity.stillSubmitted} ` +
      `-> ${passed ? 'OK' : 'FAILED'}`,
  );
  const cpu = (n: number) => n.toFixed(2);
  const w = drain.cpuPerClaimMs;
  console.log(
    `cpu/claim: intake api ${cpu(api.cpuPerClaimMs.api)} ms + postgres ${cpu(api.cpuPerClaimMs.postgres)} ms; ` +
      `worker ${w ? cpu(w.worker) : 'n/a'} ms + postgres ${w ? cpu(w.postgres) : 'n/a'} ms (steadier than throughput on a shared machine)`,
  );
  console.log(`processes: api exit ${describeExit(api.exit)}; worker exit ${describeExit(worker.exit)}`);
  for (const { process: child } of [api, worker]) {
    if (child.outputLines) console.log(`${child.role} output at LOG_LEVEL=warn: ${child.outputLines} line(s), last ones:\n${child.recentLog(5)}`);
  }
  console.log(`responses: ${[...intake.outcomes].map(([outcome, n]) => `${outcome} x${n}`).join(', ') || 'none'} (whole phase, warm-up included)`);
  for (const sample of intake.errorSamples) console.log(`  error: ${sample}`);
  console.log(`client: proofs minted before the clock started; ${intake.mintedDuringLoad} more minted during the measured phase, when the pool ran out`);
  for (const [message, n] of ceiling.errors) console.log(`  ceiling error x${n}: ${message}`);
  if (!passed) {
    if (integrity.duplicateIds) console.log(`  ${integrity.duplicateIds} claim ids were returned to more than one request`);
    for (const check of integrity.checks) if (!rowCheckPassed(check)) console.log(`  ${describeCheck(check)}`);
    if (!drain.complete) console.log(`  the worker assessed ${drain.assessed} of ${intake.claimIds.length} claims before the timeout`);
  }
  return passed ? 0 : 1;
}

const rate = (r: LoadResult) => (r.succeeded / r.seconds).toFixed(0);
const ms = (r: LoadResult, p: number) => percentile(r.latenciesMs, p).toFixed(1);
const latencies = (r: LoadResult) => `p50/p95/p99 ${ms(r, 50)}/${ms(r, 95)}/${ms(r, 99)} ms`;

let interrupted = false;

/** Ctrl-C or SIGTERM: stop the children, drop the database, delete the keys, then exit. */
function stopOnInterrupt(cleanup: Cleanup): void {
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`\n${signal}: stopping and cleaning up (again to abort)`);
    void cleanup
      .run()
      .then((ok) => ok && console.error('cleanup: scratch database dropped, Redis keys deleted'))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (interrupted) return; // the phase in flight failed because cleanup pulled its database away
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
