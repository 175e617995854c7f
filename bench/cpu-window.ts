import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { postgresCpuMs, processCpuMs } from './cpu-time';

/** CPU time every core of the machine spent busy (not idle, not waiting on I/O), in ms, from /proc/stat. */
function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + steal) * 10; // USER_HZ is 100 on Linux
}

const selfCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export interface CpuUse {
  seconds: number;
  /** CPU ms of each process over the window. */
  apiMs: number;
  workerMs: number;
  postgresMs: number;
  benchMs: number;
  /** What the rest of the machine used meanwhile (other people's builds and tests, the OS). */
  othersMs: number;
  cores: number;
}

/**
 * The CPU a phase used, by whom: the API, the worker, Postgres, this process (the load
 * generator), and everything else on the machine. On a shared machine the last one says how
 * much of the throughput figure is the machine's and how much is the code's.
 */
export class CpuWindow {
  private readonly start: { at: number; api: number; worker: number; postgres: number; bench: number; machine: number };

  constructor(
    private readonly apiPid: number,
    private readonly workerPid: number | null,
  ) {
    this.start = this.read();
  }

  stop(): CpuUse {
    const end = this.read();
    const d = (k: keyof typeof end) => end[k] - this.start[k];
    const ours = d('api') + d('worker') + d('postgres') + d('bench');
    return {
      seconds: d('at') / 1000,
      apiMs: d('api'),
      workerMs: d('worker'),
      postgresMs: d('postgres'),
      benchMs: d('bench'),
      othersMs: Math.max(0, d('machine') - ours),
      cores: cpus().length,
    };
  }

  private read() {
    return {
      at: Date.now(),
      api: processCpuMs(this.apiPid),
      worker: this.workerPid === null ? 0 : processCpuMs(this.workerPid),
      postgres: postgresCpuMs(),
      bench: selfCpuMs(),
      machine: machineBusyMs(),
    };
  }
}

/** "api 0.9 cores, worker 0.4, postgres 0.1, load generator 0.2, rest of the machine 0.3 (of 2)". */
export function describeCpuUse(u: CpuUse): string {
  const cores = (ms: number) => (ms / 1000 / Math.max(0.001, u.seconds)).toFixed(2);
  return (
    `cpu in cores over ${u.seconds.toFixed(1)} s: api ${cores(u.apiMs)}, worker ${cores(u.workerMs)}, postgres (all of it) ${cores(u.postgresMs)}, ` +
    `load generator ${cores(u.benchMs)}, rest of the machine ${cores(u.othersMs)} (of ${u.cores})`
  );
}
