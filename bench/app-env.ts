import { AppConfig } from '@app/config';
import type { BenchSettings } from './settings';

/** Lets the benchmark read readiness details from the API it runs. */
export const BENCH_HEALTH_TOKEN = 'bench-health-token-0123456789abcdef';

/**
 * What the benchmarks run the apps with, besides the defaults (printed with every run): the
 * load arrives through a trusted proxy (127.0.0.1) with each claimant's own address, and the
 * per-case limit, which would cap the whole run at 100 claims a second, is lifted.
 * BENCH_RATE_LIMITS=off turns rate limiting off, to measure what it costs.
 */
export function benchAppSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_PER_CASE: '9999999/60',
    RATE_LIMITS_ENABLED: env.BENCH_RATE_LIMITS === 'off' ? 'false' : 'true',
    HEALTH_TOKEN: BENCH_HEALTH_TOKEN,
  };
}

/**
 * The children's environment: ours, minus every variable the apps read (so a developer's
 * shell cannot point the benchmark at another database or queue), plus the run's settings.
 * Everything else (keys, SMTP, the other limits) stays at the development defaults.
 */
export function appEnv(settings: Pick<BenchSettings, 'appDatabaseUrl' | 'redisUrl' | 'queuePrefix'>, extra: Record<string, string>): Record<string, string> {
  const appVariables = new Set(Object.keys(new AppConfig()));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => !appVariables.has(entry[0]) && entry[1] !== undefined),
  );
  return {
    ...inherited,
    DATABASE_URL: settings.appDatabaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: settings.queuePrefix,
    LOG_LEVEL: 'warn',
    ...benchAppSettings(),
    ...extra,
  };
}
