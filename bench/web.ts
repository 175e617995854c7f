import 'reflect-metadata';
import { Pool } from 'undici';
import { DEMO_CASE_SLUG } from '@app/cases';
import { AppConfig } from '@app/config';
import { benchAppSettings } from './app-env';
import { describeExit } from './app-process';
import { walkClaimantPages } from './claimant-journey';
import { checkEvidence, describeIntegrity, integrityPassed } from './evidence-integrity';
import { jpegCopy, noisyJpeg, uploadForm } from './evidence-image';
import { describePageRate, measurePageRate, type PageRate } from './page-rate';
import { describeWeights, encodingsUsed, pageWeightTable } from './page-weights';
import { readSettings, type BenchSettings } from './settings';
import { Cleanup, createScratchDatabase, deleteRedisKeys, openAdminPool } from './scratch-environment';
import { SmtpInbox } from './smtp-inbox';
import { describeUploadPhase, runUploadPhase } from './upload-phase';
import { createEvidenceFolders, startApi, startWorker, throwawayProductionKeys, webSettings } from './web-stack';

/*
 * `npm run build && npm run bench:web` (BENCH_CONCURRENCY, default 32, for the case page;
 * BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_WORKER_TIMEOUT_SECONDS, BENCH_RATE_LIMITS=off and
 * the database and Redis settings; see settings.ts)
 *
 * The claimant pages on the built API, in a scratch database, queue prefix and evidence folder:
 * (1) the case page's requests per second (and the pre-check's) under autocannon, and the API's
 * CPU per request; (2) every claimant page's weight as a first visit loads it, walking the form
 * as a person does; (3) 1 MB photo uploads from 50 loops at once, with the API's memory each
 * second and the worker preparing the files; then checks that every accepted upload is one row,
 * one encrypted object, nothing orphaned. Exits non-zero when a check fails or a request is
 * refused, never for a missed performance target.
 */

const UPLOAD_LOOPS = 50;
/** People are numbered from here in each phase (their email, address and mobile come from the number). */
const JOURNEY_PERSON = 9_000_000;
const UPLOAD_PEOPLE_FROM = 100_000;

async function main(): Promise<number> {
  const settings = readSettings();
  const cleanup = new Cleanup();
  stopOnInterrupt(cleanup);
  try {
    return await runBenchmark(settings, cleanup);
  } finally {
    if (await cleanup.run()) console.log(`cleanup: dropped ${settings.databaseName}, deleted Redis keys ${settings.queuePrefix}:*, removed the evidence folders`);
  }
}

async function runBenchmark(settings: BenchSettings, cleanup: Cleanup): Promise<number> {
  const defaults = new AppConfig();
  cleanup.add('delete Redis keys', async () => void (await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)));
  await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
  const admin = openAdminPool(settings.databaseUrl, cleanup);
  const folders = await createEvidenceFolders(cleanup);
  const inbox = await SmtpInbox.start();
  cleanup.add('stop SMTP sink', () => inbox.stop());
  const extra = webSettings(inbox.url, folders);
  const app = { ...benchAppSettings(), ...extra };

  const photo = await noisyJpeg();
  const copies = Array.from({ length: 10 }, (_, i) => uploadForm(jpegCopy(photo.bytes, `claims-bench copy ${i + 1}`)));

  console.log(
    `web benchmark: case page ${settings.concurrency} connections, ${UPLOAD_LOOPS} upload loops; ${settings.seconds} s measured after ` +
      `${settings.warmupSeconds} s warm-up; database ${settings.databaseName}, queue prefix ${settings.queuePrefix}`,
  );
  console.log(
    `settings: ${Object.entries(app).filter(([k]) => k !== 'HEALTH_TOKEN').map(([k, v]) => `${k}=${v}`).join(' ')}; ` +
      `NODE_ENV=${defaults.NODE_ENV} (development keys), DATABASE_POOL_SIZE=${defaults.DATABASE_POOL_SIZE}, EVIDENCE_MAX_FILE_BYTES=${defaults.EVIDENCE_MAX_FILE_BYTES}`,
  );
  console.log(
    `rate limits: ${app.RATE_LIMITS_ENABLED === 'true' ? `on, at their defaults (per address ${defaults.RATE_LIMIT_PER_IP}, per email ${defaults.RATE_LIMIT_PER_EMAIL}, codes per email ${defaults.RATE_LIMIT_CODES_PER_EMAIL}) but per case ${app.RATE_LIMIT_PER_CASE}; each simulated person has an address, email and mobile of their own (X-Forwarded-For through the trusted proxy)` : 'off (BENCH_RATE_LIMITS=off)'}`,
  );
  console.log(
    `client: proof of work minted at cost 1 before each phase's clock (the email step's altcha field); the email code derived with the development BLIND_INDEX_KEY; ` +
      `photo: a noisy ${photo.width}x${photo.height} JPEG of ${photo.bytes.length} bytes (${(photo.bytes.length / 1_048_576).toFixed(2)} MiB), ten copies that differ only by a JPEG comment`,
  );

  // 1. The case page, against the API alone (the worker is not started yet).
  console.log(`\n== 1. case page: autocannon, ${settings.concurrency} connections, ${settings.warmupSeconds} s warm-up then ${settings.seconds} s`);
  const { api, baseUrl } = await startApi(settings, extra, cleanup);
  const rateOptions = { connections: settings.concurrency, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds };
  const rates: PageRate[] = [];
  for (const path of [`/c/${DEMO_CASE_SLUG}`, `/c/${DEMO_CASE_SLUG}/check`]) {
    rates.push(await measurePageRate(baseUrl, path, api.pid, rateOptions));
    console.log(`   ${describePageRate(rates[rates.length - 1])}`);
  }
  // Outside production the templates are read and compiled again for every page: the same two
  // pages with NODE_ENV=production (keys of its own), which is what a deployment serves.
  console.log(`   for comparison, the same pages from an API with NODE_ENV=production (templates compiled once; throwaway keys):`);
  const production = await startApi(settings, { ...extra, ...throwawayProductionKeys() }, cleanup, 'production api');
  const productionRates: PageRate[] = [];
  for (const path of [`/c/${DEMO_CASE_SLUG}`, `/c/${DEMO_CASE_SLUG}/check`]) {
    productionRates.push(await measurePageRate(production.baseUrl, path, production.api.pid, rateOptions));
    console.log(`   ${describePageRate(productionRates[productionRates.length - 1])}`);
  }
  const productionExit = await production.api.stop(10_000);

  // 2. Every claimant page, walked as a person would.
  console.log(`\n== 2. page weights: one person through every claimant page (worker running for the emails and the thumbnail)`);
  const worker = await startWorker(settings, extra, cleanup);
  const http = new Pool(baseUrl, { connections: UPLOAD_LOOPS + 16, pipelining: 1 });
  cleanup.add('close http pool', () => http.close());
  const journey = await walkClaimantPages(http, JOURNEY_PERSON, jpegCopy(photo.bytes, 'claims-bench journey'), inbox, settings.workerTimeoutSeconds * 1000);
  for (const line of pageWeightTable(journey.weights)) console.log(`   ${line}`);
  console.log(`   KB = 1024 bytes; bodies only; content-encoding the API used: ${encodingsUsed(journey.weights)}; the JS+CSS budget is 200 KB gzipped a page`);
  for (const page of journey.missing) console.log(`   skipped: ${page}`);
  for (const note of journey.notes) console.log(`   note: ${note}`);

  // 3. Uploads.
  console.log(`\n== 3. uploads: ${UPLOAD_LOOPS} loops of 1 MB photos for ${settings.seconds} s (worker preparing them meanwhile)`);
  const uploads = await runUploadPhase(http, admin, { api, worker }, folders, copies, {
    loops: UPLOAD_LOOPS,
    seconds: settings.seconds,
    warmupSeconds: Math.max(3, settings.warmupSeconds),
    workerTimeoutSeconds: settings.workerTimeoutSeconds,
    firstPerson: UPLOAD_PEOPLE_FROM,
  }, (line) => console.log(line));
  if (uploads.quietAfterWarmupSeconds === null) console.log(`   the worker had not finished the warm-up's work within ${settings.workerTimeoutSeconds} s; measured anyway`);

  const accepted = new Map(uploads.lanes.acceptedByDraft);
  accepted.set(journey.draftId, (accepted.get(journey.draftId) ?? 0) + 1);
  const integrity = await checkEvidence(admin, accepted, folders);
  const apiExit = await api.stop(10_000);
  const workerExit = await worker.stop(10_000);

  const uploadFailures = [uploads.warmup, uploads.measured].flatMap((r) => [...r.outcomes]).filter(([k]) => k !== '303').reduce((s, [, n]) => s + n, 0);
  const pageFailures = [...rates, ...productionRates].reduce((s, r) => s + r.non2xx + r.errors, 0);
  const passed = integrityPassed(integrity) && uploadFailures === 0 && pageFailures === 0 && uploads.worker.drainedAfterSeconds !== null;

  console.log('');
  console.log(`== results (${settings.seconds} s measured after a warm-up; ${settings.concurrency} connections on the case page, ${UPLOAD_LOOPS} upload loops)`);
  for (const r of rates) console.log(`page rate: ${describePageRate(r)}`);
  for (const r of productionRates) console.log(`  (production) ${describePageRate(r)}`);
  console.log(`weights:   ${describeWeights(journey.weights)}${journey.missing.length ? `; skipped (404): ${journey.missing.length}` : '; no page skipped'}`);
  for (const line of describeUploadPhase(uploads, photo.bytes.length)) console.log(line);
  for (const sample of [...uploads.warmup.errorSamples, ...uploads.measured.errorSamples]) console.log(`  upload error: ${sample}`);
  for (const line of describeIntegrity(integrity)) console.log(`integrity: ${line}`);
  console.log(`processes: api exit ${describeExit(apiExit)}; worker exit ${describeExit(workerExit)}; production api exit ${describeExit(productionExit)}; emails received by the sink ${inbox.received}`);
  for (const child of [api, worker, production.api]) {
    if (child.outputLines) console.log(`${child.role} output at LOG_LEVEL=warn: ${child.outputLines} line(s), last ones:\n${child.recentLog(5)}`);
  }
  const busy = [...rates.map((r) => r.cpu), ...productionRates.map((r) => r.cpu), uploads.cpu].map((c) => c.othersMs / 1000 / c.seconds);
  if (Math.max(...busy) > 0.25) {
    console.log(`note: other work on this machine used up to ${Math.max(...busy).toFixed(2)} of ${uploads.cpu.cores} cores during the measured runs; compare the CPU per request or upload, not the rates`);
  }
  console.log(`-> ${passed ? 'OK' : 'FAILED'}`);
  return passed ? 0 : 1;
}

let interrupted = false;

/** Ctrl-C or SIGTERM: stop the children, drop the database, delete the keys and folders, then exit. */
function stopOnInterrupt(cleanup: Cleanup): void {
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`\n${signal}: stopping and cleaning up (again to abort)`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (interrupted) return;
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
