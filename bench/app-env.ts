import { AppConfig } from '@app/config';
import type { BenchSettings } from './settings';

/**
 * The children's environment: ours, minus every variable the apps read (so a developer's
 * shell cannot point the benchmark at another database or queue), plus the run's settings.
 * Everything else (keys, SMTP) stays at the development defaults.
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
    ...extra,
  };
}
