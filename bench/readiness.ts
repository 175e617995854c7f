import 'reflect-metadata';
import Redis from 'ioredis';
import { Pool as HttpPool } from 'undici';
import { appEnv, BENCH_HEALTH_TOKEN } from './app-env';
import { AppProcess, freePort } from './app-process';
import { processCpuMs } from './cpu-time';
import { LoadResult, percentile, runForFixedTime } from './fixed-time-load';
import { readSettings } from './settings';
import { Cleanup, createScratchDatabase, deleteRedisKeys } from './scratch-environment';

/*
 * `npm run build && npm run bench:readiness` (BENCH_CONCURRENCY, default 16 here; BENCH_SECONDS)
 *
 * What /health/ready costs the API: requests per second and latency from N concurrent pollers,
 * without the token (the public up-or-down answer) and with it (the details), the API's CPU per
 * request, and how many SCAN and KEYS commands Redis saw meanwhile (none is the point).
 */
async function main(): Promise<void> {
  const settings = readSettings({ BENCH_CONCURRENCY: '16', ...process.env });
  const cleanup = new Cleanup();
  try {
    cleanup.add('delete Redis keys', async () => void (await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)));
    await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
    const port = await freePort();
    const api = AppProcess.start('api', appEnv(settings, { HOST: '127.0.0.1', PORT: String(port) }));
    cleanup.add('stop api', async () => void (await api.stop(5_000)));
    const baseUrl = `http://127.0.0.1:${port}`;
    await api.waitForHttp(`${baseUrl}/health/live`);
    const redis = new Redis(settings.redisUrl, { lazyConnect: true });
    await redis.connect();
    cleanup.add('close redis', async () => void redis.disconnect());

    console.log(`readiness benchmark: ${settings.concurrency} concurrent pollers, ${settings.seconds} s each way`);
    for (const [label, headers] of [['public (no token)', {}], ['with the token (details)', { 'x-health-token': BENCH_HEALTH_TOKEN }]] as const) {
      const http = new HttpPool(baseUrl, { connections: settings.concurrency });
      const scansBefore = await scanCalls(redis);
      const cpuBefore = processCpuMs(api.pid);
      let statuses = new Set<number>();
      const result: LoadResult = await runForFixedTime(settings.concurrency, { warmupMs: 1_000, measureMs: settings.seconds * 1000 }, async () => {
        const res = await http.request({ method: 'GET', path: '/health/ready', headers });
        await res.body.text();
        statuses.add(res.statusCode);
        return res.statusCode === 200;
      });
      const cpuMs = processCpuMs(api.pid) - cpuBefore;
      const scans = (await scanCalls(redis)) - scansBefore;
      await http.close();
      const ms = (p: number) => percentile(result.latenciesMs, p).toFixed(1);
      console.log(
        `${label}: ${Math.round(result.completed / result.seconds)} requests/s; latency p50/p95/p99 ${ms(50)}/${ms(95)}/${ms(99)} ms; ` +
          `api cpu ${(cpuMs / Math.max(1, result.completed)).toFixed(3)} ms/request; Redis SCAN+KEYS calls ${scans}; statuses ${[...statuses].join(',')}`,
      );
      statuses = new Set();
    }
  } finally {
    await cleanup.run();
  }
}

/** SCAN and KEYS calls Redis has served, from INFO commandstats. */
async function scanCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/^cmdstat_(?:scan|keys):calls=(\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
