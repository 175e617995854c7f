import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { DEMO_CASE_SLUG } from '@app/cases';
import { measureApiIntake } from './api-intake';
import { appEnv, BENCH_HEALTH_TOKEN } from './app-env';
import { AppProcess, describeExit, freePort, sleep } from './app-process';
import { assessmentRowsSql, checkOnePerClaim, claimRowsSql, RowCheck } from './integrity';
import type { BenchSettings } from './settings';
import { Cleanup, deleteRedisKeys } from './scratch-environment';
import { SmtpCounter } from './smtp-counter';

export interface TrialPlan {
  /** Concurrent submitters against the API. */
  concurrency: number;
  /** How long claims keep arriving. */
  loadSeconds: number;
  /** When worker 1 is SIGKILLed, Redis's data is wiped, and worker 1 starts again (seconds into the load). */
  killAt: number;
  wipeRedisAt: number;
  restartAt: number;
  /** How long the system may take, after the load, to finish every claim. */
  settleTimeoutSeconds: number;
}

export interface TrialResult {
  confirmed: number;
  /** Claims confirmed by the moment of each fault: the kill, the wipe, the restart. */
  confirmedAtFault: number[];
  claims: RowCheck;
  assessments: RowCheck;
  receipts: RowCheck;
  receiptsSent: number;
  /** Receipts, by how many times their Message-ID reached the SMTP server. */
  deliveries: { once: number; twice: number; more: number; never: number; unexpected: number };
  /**
   * Receipts delivered more than once although no sender of theirs died mid-send (no lease taken
   * over): two live runners sent the same email. Must be 0.
   */
  doubledWithoutTakeover: number;
  /** Emails whose lease was taken over from the killed worker. */
  takeovers: number;
  stillSubmitted: number;
  settled: boolean;
  settleSeconds: number;
  timeline: string[];
}

/**
 * Claims stream into the API while two workers (each with a relay and a reconciler) assess
 * them and send receipts. Mid-stream worker 1 is SIGKILLed (jobs, a relay transaction and email
 * sends die with it), then every key of the run's Redis prefix is deleted (as a Redis restart
 * without persistence would), then worker 1 comes back. Afterwards every confirmed claim must
 * have been assessed once and its receipt delivered once.
 */
export async function runFaultTrial(settings: BenchSettings, admin: Pool, plan: TrialPlan, cleanup: Cleanup, log: (line: string) => void = () => undefined): Promise<TrialResult> {
  const timeline: string[] = [];
  const t0 = performance.now();
  const note = (event: string) => {
    const line = `${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s  ${event}`;
    timeline.push(line);
    log(line);
  };

  const smtp = await SmtpCounter.start();
  cleanup.add('stop SMTP counter', () => smtp.stop());
  // Short windows, so recovery fits in a trial: a dead sender's lease runs out after 10 s, and
  // the reconciler looks every 2 s for work due more than 5 s ago.
  const env = (extra: Record<string, string>) =>
    appEnv(settings, { SMTP_URL: smtp.url, EMAIL_LEASE_SECONDS: '10', RECONCILE_INTERVAL_SECONDS: '2', RECONCILE_STALE_AFTER_SECONDS: '5', ...extra });
  const port = await freePort();
  const api = AppProcess.start('api', env({ HOST: '127.0.0.1', PORT: String(port) }));
  cleanup.add('stop api', async () => void (await api.stop(5_000)));
  const startWorker = async (name: string) => {
    const healthPort = await freePort();
    const worker = AppProcess.start('worker', env({ WORKER_HEALTH_PORT: String(healthPort) }));
    cleanup.add(`stop ${name}`, async () => void (await worker.stop(5_000)));
    await worker.waitForHttp(`http://127.0.0.1:${healthPort}/health/live`);
    return worker;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  await api.waitForHttp(`${baseUrl}/health/live`);
  let worker1 = await startWorker('worker 1');
  const worker2 = await startWorker('worker 2');
  note(`api and two workers up; claims arrive from ${plan.concurrency} clients for ${plan.loadSeconds} s`);

  // The faults are timed from the moment the load starts (minting the requests takes seconds
  // first), and each notes how many claims had been confirmed by then: the trial is only a
  // trial if claims kept arriving across every fault.
  let confirmedSoFar = 0;
  const confirmedAtFault: number[] = [];
  let loadStarted!: () => void;
  const started = new Promise<void>((resolve) => (loadStarted = resolve));
  const fault = (event: string) => {
    confirmedAtFault.push(confirmedSoFar);
    note(`${event}; ${confirmedSoFar} claims confirmed so far`);
  };
  const faults = (async () => {
    await started;
    await sleep(plan.killAt * 1000);
    fault(`SIGKILL worker 1 (${describeExit(await worker1.kill())})`);
    await sleep((plan.wipeRedisAt - plan.killAt) * 1000);
    fault(`Redis loses its data: ${await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)} keys of the run deleted`);
    await sleep((plan.restartAt - plan.wipeRedisAt) * 1000);
    worker1 = await startWorker('worker 1 (again)');
    fault('worker 1 started again');
  })();
  const intake = await measureApiIntake(baseUrl, DEMO_CASE_SLUG, plan.concurrency, { warmupMs: 0, measureMs: plan.loadSeconds * 1000 }, {
    onLoadStart: loadStarted,
    onConfirmed: () => void confirmedSoFar++,
  });
  await faults;
  const confirmed = new Set(intake.claimIds);
  note(`load over: ${confirmed.size} claims confirmed (${[...intake.outcomes].map(([k, n]) => `${k} x${n}`).join(', ')})`);

  // Settle: every confirmed claim assessed, and its receipt sent and delivered.
  const settleStart = performance.now();
  let settled = false;
  while ((performance.now() - settleStart) / 1000 < plan.settleTimeoutSeconds) {
    const { rows } = await admin.query<{ assessed: number; sent: number }>(
      `SELECT (SELECT count(*)::int FROM claim_assessments) AS assessed,
              (SELECT count(*)::int FROM notifications WHERE template = 'claim-receipt' AND status = 'sent') AS sent`,
    );
    if (rows[0].assessed >= confirmed.size && rows[0].sent >= confirmed.size && smtp.total >= confirmed.size) {
      settled = true;
      break;
    }
    await sleep(500);
  }
  const settleSeconds = (performance.now() - settleStart) / 1000;
  note(settled ? `every claim assessed and emailed ${settleSeconds.toFixed(1)} s after the load` : `not settled after ${plan.settleTimeoutSeconds} s`);
  if (!settled) {
    // Where the unfinished work sits, and what the workers last said about it.
    const stuck = await admin.query<{ what: string; n: number }>(
      `SELECT 'claim submitted, outbox ' || CASE WHEN o.published_at IS NULL THEN 'unpublished' ELSE 'published ' || round(extract(epoch FROM now() - o.published_at)) || ' s ago' END AS what, count(*)::int AS n
         FROM claims c LEFT JOIN LATERAL (SELECT published_at FROM outbox WHERE aggregate_id = c.id ORDER BY id DESC LIMIT 1) o ON true
        WHERE c.status = 'submitted' GROUP BY 1
       UNION ALL
       SELECT 'email ' || status || ', attempts ' || attempts || coalesce(', ' || left(last_error, 60), ''), count(*)::int FROM notifications WHERE status <> 'sent' GROUP BY 1
       ORDER BY 2 DESC LIMIT 15`,
    );
    for (const row of stuck.rows) note(`  ${row.n} x ${row.what}`);
    for (const worker of [worker1, worker2]) log(worker.recentLog(15));
  }
  // Then until nothing is left that could still send: no job waiting, running or delayed in any
  // queue, no due outbox row. A late duplicate would have to come from one of those.
  if (settled) await waitForQuiet(baseUrl, plan.settleTimeoutSeconds * 1000);
  note(settled ? 'queues and outbox empty' : 'not waiting for quiet');

  const receiptIds = await admin.query<{ message_id: string; lease_takeovers: number }>(
    `SELECT message_id, lease_takeovers FROM notifications WHERE template = 'claim-receipt'`,
  );
  const deliveries = { once: 0, twice: 0, more: 0, never: 0, unexpected: 0 };
  const known = new Set<string>();
  let doubledWithoutTakeover = 0;
  for (const { message_id, lease_takeovers } of receiptIds.rows) {
    known.add(message_id);
    const n = smtp.deliveries.get(message_id) ?? 0;
    if (n === 0) deliveries.never++;
    else if (n === 1) deliveries.once++;
    else if (n === 2) deliveries.twice++;
    else deliveries.more++;
    if (n > 1 && lease_takeovers === 0) doubledWithoutTakeover++;
  }
  for (const id of smtp.deliveries.keys()) if (!known.has(id)) deliveries.unexpected++;
  const [{ takeovers, sent, submitted }] = (
    await admin.query<{ takeovers: number; sent: number; submitted: number }>(
      `SELECT (SELECT count(*)::int FROM notifications WHERE lease_takeovers > 0) AS takeovers,
              (SELECT count(*)::int FROM notifications WHERE template = 'claim-receipt' AND status = 'sent') AS sent,
              (SELECT count(*)::int FROM claims WHERE status = 'submitted') AS submitted`,
    )
  ).rows;
  const result: TrialResult = {
    confirmed: confirmed.size,
    confirmedAtFault,
    claims: await checkOnePerClaim(admin, 'claims', confirmed, claimRowsSql),
    assessments: await checkOnePerClaim(admin, 'claim_assessments', confirmed, assessmentRowsSql),
    receipts: await checkOnePerClaim(admin, 'receipt emails', confirmed, `SELECT claim_id, count(*)::int AS n FROM notifications WHERE template = 'claim-receipt' GROUP BY claim_id`),
    receiptsSent: sent,
    deliveries,
    doubledWithoutTakeover,
    takeovers,
    stillSubmitted: submitted,
    settled,
    settleSeconds,
    timeline,
  };
  await Promise.all([api.stop(10_000), worker1.stop(10_000), worker2.stop(10_000)]);
  return result;
}

/** Polls the API's readiness until every queue and the outbox are empty. */
async function waitForQuiet(baseUrl: string, timeoutMs: number): Promise<void> {
  type Queue = { waiting: number; active: number; delayed: number };
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const res = await fetch(`${baseUrl}/health/ready`, { headers: { 'x-health-token': BENCH_HEALTH_TOKEN } }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { checks?: { queues?: Record<string, Queue | string>; outbox?: { due: number } } } | null;
    const queues = Object.values(body?.checks?.queues ?? {}).filter((q): q is Queue => typeof q === 'object');
    if (body?.checks?.outbox?.due === 0 && queues.length > 0 && queues.every((q) => q.waiting + q.active + q.delayed === 0)) return;
    await sleep(250);
  }
  throw new Error(`queues did not drain within ${timeoutMs} ms`);
}
