import autocannon from 'autocannon';
import { BENCH_ACCEPT_LANGUAGE, BENCH_USER_AGENT } from './claim-body';
import { type CpuUse, CpuWindow } from './cpu-window';

export interface PageRate {
  path: string;
  requestsPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: string;
  /** The API's CPU (user + system) over the measured run, per request. */
  cpuMsPerRequest: number;
  cpu: CpuUse;
}

/**
 * One page under autocannon: `connections` keep-alive connections as fast as the API answers,
 * a warm-up run first (connections open, JIT warm, the case cached), then the measured run with
 * the API's CPU read from /proc before and after. The requests are a Korean phone's.
 */
export async function measurePageRate(baseUrl: string, path: string, apiPid: number, options: { connections: number; seconds: number; warmupSeconds: number }): Promise<PageRate> {
  const run = (duration: number) =>
    autocannon({ url: `${baseUrl}${path}`, connections: options.connections, duration, headers: { 'accept-language': BENCH_ACCEPT_LANGUAGE, 'user-agent': BENCH_USER_AGENT } });
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const window = new CpuWindow(apiPid, null);
  const result = await run(options.seconds);
  const cpu = window.stop();
  const requests = result.requests.total;
  return {
    path,
    requestsPerSecond: requests / result.duration,
    requests,
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses: Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code} x${count}`).join(', '),
    cpuMsPerRequest: cpu.apiMs / Math.max(1, requests),
    cpu,
  };
}

export function describePageRate(r: PageRate): string {
  return (
    `GET ${r.path}: ${r.requestsPerSecond.toFixed(0)} requests/s (${r.requests} in all); latency p50/p97.5/p99 ` +
    `${r.latencyMs.p50}/${r.latencyMs.p97_5}/${r.latencyMs.p99} ms; non-2xx ${r.non2xx}; errors ${r.errors} (timeouts ${r.timeouts}); ` +
    `api cpu ${r.cpuMsPerRequest.toFixed(3)} ms/request (api ${(r.cpu.apiMs / 1000 / r.cpu.seconds).toFixed(2)} cores, ` +
    `load generator ${(r.cpu.benchMs / 1000 / r.cpu.seconds).toFixed(2)}, rest of the machine ${(r.cpu.othersMs / 1000 / r.cpu.seconds).toFixed(2)} of ${r.cpu.cores}); ` +
    `statuses ${r.statuses || 'none'}`
  );
}
