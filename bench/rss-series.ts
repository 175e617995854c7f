import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** A process's resident memory now (VmRSS), in kB; 0 once it is gone. */
export function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export interface RssSummary {
  /** One sample at the end of each second, in kB. */
  perSecondKb: number[];
  /** The highest of every sample (every 200 ms). */
  peakKb: number;
  /** Median of the second half of the per-second series: where memory settled under the load. */
  secondHalfMedianKb: number;
  /** peak minus that median: how far above its level memory went. */
  spreadKb: number;
  /** Last minus first per-second sample of the second half: still climbing, or flat. */
  secondHalfDriftKb: number;
}

/**
 * Samples a process's RSS every 200 ms while a phase runs, and keeps the sample at the end of
 * each second for the series the report prints. Whether memory is flat is read off that series.
 */
export class RssSeries {
  private readonly samples: { atMs: number; kb: number }[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();

  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }

  stop(): RssSummary {
    clearInterval(this.timer);
    this.sample();
    const perSecondKb: number[] = [];
    // The last sample within each second (the stop() sample ends a partial last second).
    for (const s of this.samples) perSecondKb[Math.floor(s.atMs / 1000)] = s.kb;
    const series = perSecondKb.filter((kb) => kb !== undefined);
    const secondHalf = series.slice(Math.floor(series.length / 2));
    const sorted = [...secondHalf].sort((a, b) => a - b);
    const secondHalfMedianKb = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
    const peakKb = Math.max(0, ...this.samples.map((s) => s.kb));
    return {
      perSecondKb: series,
      peakKb,
      secondHalfMedianKb,
      spreadKb: peakKb - secondHalfMedianKb,
      secondHalfDriftKb: secondHalf.length ? secondHalf[secondHalf.length - 1] - secondHalf[0] : 0,
    };
  }

  private sample(): void {
    this.samples.push({ atMs: performance.now() - this.startedAt, kb: rssKb(this.pid) });
  }
}
