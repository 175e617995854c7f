import { performance } from 'node:perf_hooks';
import type { Pool as PgPool } from 'pg';
import type { Pool } from 'undici';
import type { AppProcess } from './app-process';
import { type CpuUse, CpuWindow, describeCpuUse } from './cpu-window';
import type { MultipartBody } from './evidence-image';
import { percentile } from './fixed-time-load';
import { RssSeries, type RssSummary, rssKb } from './rss-series';
import { type UploadRun, UploadLanes } from './upload-load';
import { evidenceByStatus, waitForWorker } from './worker-progress';
import { waitForUploadsToSettle } from './evidence-integrity';

export interface UploadPhasePlan {
  loops: number;
  seconds: number;
  warmupSeconds: number;
  workerTimeoutSeconds: number;
  /** Drafts are numbered (their person's email, address, mobile) from here. */
  firstPerson: number;
}

export interface UploadPhase {
  lanes: UploadLanes;
  /** The warm-up run (it also sizes the draft pool) and the measured one. */
  warmup: UploadRun;
  measured: UploadRun;
  draftsBeforeClock: number;
  draftsMadeDuringMeasure: number;
  /** Seconds the worker took to finish the warm-up's files and emails before the clock. */
  quietAfterWarmupSeconds: number | null;
  /** Seconds after the run until the API held no upload (null: it still did at the timeout). */
  settledAfterSeconds: number | null;
  rss: { beforeKb: number; during: RssSummary; afterLoadKb: number; afterWorkerKb: number };
  /** Who used the CPU during the measured run (the worker's share is its preparing meanwhile). */
  cpu: CpuUse;
  /** Each second of the measured run: evidence rows ready. */
  readyPerSecond: number[];
  worker: {
    readyAtStart: number;
    readyAtEnd: number;
    /** Rows when the load ended, and seconds after it until none was left to prepare (null: timed out). */
    rowsAtEnd: number;
    drainedAfterSeconds: number | null;
    final: Awaited<ReturnType<typeof evidenceByStatus>>;
    /** Files prepared from the start of the measured run until the last was ready, per second. */
    rate: number | null;
  };
}

/**
 * 1 MB uploads from `loops` concurrent loops. Before the clock: a draft for every loop, a warm-up
 * run whose rate sizes the pool (1.5x what the measured run should need, plus a draft per loop),
 * the rest of the drafts, then a wait until the worker has finished what the warm-up gave it.
 * During the measured run the API's RSS is sampled and the worker's progress read each second.
 */
export async function runUploadPhase(
  http: Pool,
  admin: PgPool,
  processes: { api: AppProcess; worker: AppProcess },
  folders: { evidenceDir: string; tmpDir: string },
  copies: MultipartBody[],
  plan: UploadPhasePlan, log: (line: string) => void): Promise<UploadPhase> {
  const { api, worker } = processes;
  const lanes = new UploadLanes(http, copies, plan.loops, plan.firstPerson);
  await lanes.provision(10, 16);
  const warmup = await lanes.run({ warmupMs: 0, measureMs: plan.warmupSeconds * 1000 });
  const warmupRate = warmup.accepted / warmup.wallSeconds;
  const perLane = Math.ceil((warmupRate * plan.seconds * 1.5) / plan.loops) + 10;
  const madeBefore = performance.now();
  const added = await lanes.provision(perLane, 16);
  log(
    `   warm-up: ${warmup.accepted} uploads in ${warmup.wallSeconds.toFixed(1)} s (${warmupRate.toFixed(1)}/s); ` +
      `${added} more drafts made in ${((performance.now() - madeBefore) / 1000).toFixed(1)} s (${lanes.draftCount} in all; room for ${lanes.capacity} uploads)`,
  );
  const quietAfterWarmupSeconds = await waitForWorker(admin, plan.workerTimeoutSeconds * 1000);
  const draftsBeforeClock = lanes.draftCount;
  const madeDuringBefore = lanes.draftsMadeDuringLoad;

  const readyAtStart = (await evidenceByStatus(admin)).ready;
  const readyPerSecond: number[] = [];
  const progress = setInterval(() => {
    void evidenceByStatus(admin).then((s) => readyPerSecond.push(s.ready), () => undefined);
  }, 1000);
  const beforeKb = rssKb(api.pid);
  const series = new RssSeries(api.pid);
  const cpuWindow = new CpuWindow(api.pid, worker.pid);
  const startedAt = performance.now();
  const measured = await lanes.run({ warmupMs: 0, measureMs: plan.seconds * 1000 });
  const cpu = cpuWindow.stop();
  const during = series.stop();
  clearInterval(progress);
  const afterLoadKb = rssKb(api.pid);
  const endedAt = performance.now();
  const atEnd = await evidenceByStatus(admin);
  // Uploads the client stopped waiting for may still be in the API's hands.
  const settledAfterSeconds = await waitForUploadsToSettle(admin, folders, plan.workerTimeoutSeconds * 1000);
  const drainedAfterSeconds = await waitForWorker(admin, plan.workerTimeoutSeconds * 1000, true);
  const doneAt = performance.now();
  const final = await evidenceByStatus(admin);
  const afterWorkerKb = rssKb(api.pid);
  const prepared = final.ready + final.unreadable - readyAtStart;
  return {
    lanes,
    warmup,
    measured,
    draftsBeforeClock,
    draftsMadeDuringMeasure: lanes.draftsMadeDuringLoad - madeDuringBefore,
    quietAfterWarmupSeconds,
    settledAfterSeconds,
    rss: { beforeKb, during, afterLoadKb, afterWorkerKb },
    cpu,
    readyPerSecond,
    worker: {
      readyAtStart,
      readyAtEnd: atEnd.ready,
      rowsAtEnd: atEnd.total,
      drainedAfterSeconds: drainedAfterSeconds === null ? null : (doneAt - endedAt) / 1000,
      final,
      rate: drainedAfterSeconds === null ? null : prepared / ((doneAt - startedAt) / 1000),
    },
  };
}

export function describeUploadPhase(p: UploadPhase, photoBytes: number): string[] {
  const m = p.measured;
  const mb = (kb: number) => (kb / 1024).toFixed(0);
  const ms = (q: number) => percentile(m.latenciesMs, q).toFixed(0);
  const failures = [...m.outcomes].filter(([k]) => k !== '303').reduce((s, [, n]) => s + n, 0);
  const r = p.rss.during;
  const w = p.worker;
  // The whole run's uploads (its tail included) against the CPU of the whole run.
  const all = m.outcomes.get('303') ?? 0;
  const preparedDuring = w.readyAtEnd - w.readyAtStart;
  return [
    `uploads:   ${m.succeeded} accepted in ${m.seconds} s = ${(m.succeeded / m.seconds).toFixed(1)} uploads/s, ` +
      `${((m.succeeded * photoBytes) / m.seconds / 1_048_576).toFixed(1)} MB/s of photos in; latency (every upload completed in the window) p50/p95/p99 ${ms(50)}/${ms(95)}/${ms(99)} ms; ` +
      `failures ${failures} (whole run: ${[...m.outcomes].map(([k, n]) => `${k} x${n}`).join(', ') || 'none'})`,
    `cpu:       api ${(p.cpu.apiMs / Math.max(1, all)).toFixed(1)} ms/upload (${all} answered 303 in the run, tail included); ` +
      `worker ${preparedDuring > 0 ? (p.cpu.workerMs / preparedDuring).toFixed(1) : 'n/a'} ms/file prepared meanwhile (${preparedDuring}); ${describeCpuUse(p.cpu)}`,
    `server:    ${p.settledAfterSeconds === null ? 'still holding uploads at the timeout' : `no upload left in the API's hands ${p.settledAfterSeconds.toFixed(1)} s after the run's last answer`}`,
    `drafts:    ${p.draftsBeforeClock} made before the clock, ${p.draftsMadeDuringMeasure} during the measured run (a loop ran out)`,
    `api rss:   before ${mb(p.rss.beforeKb)} MB; each second: ${r.perSecondKb.map(mb).join(' ')}`,
    `           peak ${mb(r.peakKb)} MB; median of the second half ${mb(r.secondHalfMedianKb)} MB -> spread ${mb(r.spreadKb)} MB; ` +
      `second half first->last ${r.secondHalfDriftKb >= 0 ? '+' : ''}${mb(r.secondHalfDriftKb)} MB; after the load ${mb(p.rss.afterLoadKb)} MB, ` +
      `after the worker finished ${mb(p.rss.afterWorkerKb)} MB`,
    `worker:    ready each second: ${p.readyPerSecond.map((n) => n - w.readyAtStart).join(' ')} (of the measured run's files)`,
    `           at the end of the load ${w.readyAtEnd - w.readyAtStart} of ${w.rowsAtEnd - w.readyAtStart} ready; ` +
      (w.drainedAfterSeconds === null
        ? `NOT all ready within the timeout (${w.final.stored} still stored)`
        : `all prepared ${w.drainedAfterSeconds.toFixed(1)} s after the load (${w.final.ready} ready, ${w.final.unreadable} unreadable) = ${w.rate!.toFixed(1)} files/s from the start of the run`),
  ];
}
