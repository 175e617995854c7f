import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time from /proc, in ms: what a phase cost, whatever else the machine was doing. On a
 * shared two-core machine throughput swings by a fifth between identical runs; CPU per claim
 * barely moves, so it is what a change should be judged by.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

export function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return 0;
  }
}

/** Every postgres process on the machine (backends, WAL writer, checkpointer...). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.indexOf(')')) === 'postgres') total += processCpuMs(Number(entry));
    } catch {
      // the process ended between readdir and read
    }
  }
  return total;
}
