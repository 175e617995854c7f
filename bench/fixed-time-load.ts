import { performance } from 'node:perf_hooks';

export interface LoadWindow {
  warmupMs: number;
  measureMs: number;
}

export interface LoadResult {
  /** Operations that succeeded and completed inside the measured window. */
  succeeded: number;
  /** Operations (successful or not) that completed inside the measured window. */
  completed: number;
  seconds: number;
  /** Latency of every operation completed inside the window, in ms, sorted ascending. */
  latenciesMs: Float64Array;
}

/**
 * Runs `concurrency` closed loops, each calling `operation` again as soon as the last call
 * finished, for warm-up plus measured time. Only calls that *complete* inside the measured
 * window count, so throughput is completions per measured second; calls still in flight
 * when time is up are awaited (their side effects matter to the caller) but not counted.
 * The API phase and the raw-Postgres ceiling both go through here, so they are measured
 * the same way. `operation` must not throw; it returns whether the call succeeded.
 */
export async function runForFixedTime(
  concurrency: number,
  window: LoadWindow,
  operation: () => Promise<boolean>,
): Promise<LoadResult> {
  const measureFrom = performance.now() + window.warmupMs;
  const stopAt = measureFrom + window.measureMs;
  const latencies: number[] = [];
  let succeeded = 0;

  const loop = async () => {
    while (performance.now() < stopAt) {
      const started = performance.now();
      const ok = await operation();
      const finished = performance.now();
      if (finished < measureFrom || finished > stopAt) continue;
      latencies.push(finished - started);
      if (ok) succeeded++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));

  return {
    succeeded,
    completed: latencies.length,
    seconds: window.measureMs / 1000,
    latenciesMs: Float64Array.from(latencies).sort(),
  };
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
