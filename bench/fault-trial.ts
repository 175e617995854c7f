import 'reflect-metadata';
import { runFaultTrial, TrialPlan } from './fault-trial-run';
import { describeCheck, rowCheckPassed } from './integrity';
import { readSettings } from './settings';
import { Cleanup, createScratchDatabase, deleteRedisKeys, openAdminPool } from './scratch-environment';

/*
 * `npm run build && npm run bench:faults` (BENCH_CONCURRENCY, BENCH_SECONDS and the usual
 * BENCH_* database and Redis settings; see settings.ts)
 *
 * The fault trial under load: claims stream in while two workers run; worker 1 is SIGKILLed
 * at 30% of the load, Redis's data is wiped at 50%, worker 1 returns at 60%. Prints whether
 * every confirmed claim was assessed once and emailed once. Exits non-zero if not.
 */
async function main(): Promise<number> {
  const settings = readSettings();
  const seconds = settings.seconds;
  const plan: TrialPlan = {
    concurrency: settings.concurrency,
    loadSeconds: seconds,
    killAt: Math.round(seconds * 0.3),
    wipeRedisAt: Math.round(seconds * 0.5),
    restartAt: Math.round(seconds * 0.6),
    settleTimeoutSeconds: settings.workerTimeoutSeconds,
  };
  const cleanup = new Cleanup();
  try {
    console.log(`fault trial: ${plan.concurrency} clients for ${plan.loadSeconds} s; database ${settings.databaseName}, queue prefix ${settings.queuePrefix}`);
    cleanup.add('delete Redis keys', async () => void (await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)));
    await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
    const admin = openAdminPool(settings.databaseUrl, cleanup);
    const r = await runFaultTrial(settings, admin, plan, cleanup, (line) => console.log(line));
    const d = r.deliveries;
    // Lost or doubled claims, a receipt never delivered, or one sent twice by two live runners
    // fail the trial. A receipt sent again because its sender died after the mail server had
    // accepted it and before Postgres recorded it is at-least-once delivery doing its job: counted
    // and printed, with the same Message-ID both times.
    const passed =
      r.settled && [r.claims, r.assessments, r.receipts].every(rowCheckPassed) && r.stillSubmitted === 0 &&
      d.never === 0 && d.unexpected === 0 && d.more === 0 && r.doubledWithoutTakeover === 0;
    console.log('');
    console.log(`== results`);
    console.log(`claims:      ${r.confirmed} confirmed; ${describeCheck(r.claims)}`);
    console.log(`assessed:    ${describeCheck(r.assessments)}; still submitted ${r.stillSubmitted}`);
    console.log(`receipts:    ${describeCheck(r.receipts)}; sent ${r.receiptsSent}`);
    console.log(`delivered:   once ${d.once}, twice ${d.twice}, more ${d.more}, never ${d.never}, unexpected ${d.unexpected}`);
    console.log(`recovery:    ${r.takeovers} sends taken over from the killed worker; twice without a takeover: ${r.doubledWithoutTakeover}; settled ${r.settled ? `${r.settleSeconds.toFixed(1)} s after the load` : 'NO'}`);
    const verdict = d.twice === 0 ? 'every claim assessed once and emailed once' : `every claim assessed once and emailed at least once; ${d.twice} resent after their sender was killed between the mail server's acceptance and Postgres's record`;
    console.log(`-> ${passed ? verdict : 'FAILED'}`);
    return passed ? 0 : 1;
  } finally {
    if (await cleanup.run()) console.log(`cleanup: dropped ${settings.databaseName}, deleted Redis keys ${settings.queuePrefix}:*`);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
