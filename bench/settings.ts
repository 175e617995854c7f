/**
 * What one benchmark run uses, from BENCH_* environment variables. Every run gets its own
 * database and queue prefix named after the same timestamp, so runs never share state and
 * whatever a crashed run left behind is recognisable by name.
 */
export interface BenchSettings {
  /** Concurrent clients against the API, and connections for the raw-Postgres ceiling. */
  concurrency: number;
  /** Measured seconds per phase (after the warm-up). */
  seconds: number;
  /** Seconds of load before measuring starts (connections open, JIT warms up). */
  warmupSeconds: number;
  /** How long the worker may take to assess every claim before the run is failed. */
  workerTimeoutSeconds: number;
  /** The scratch database as its owner (migrations, resets, integrity checks). */
  databaseUrl: string;
  /** The same database as the apps see it: the claims_app role, under row-level security. */
  appDatabaseUrl: string;
  databaseName: string;
  redisUrl: string;
  queuePrefix: string;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const stamp = new Date().toISOString().replace(/\D/g, ''); // 20261122031800123: unique per millisecond
  const server = (env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
  const databaseName = `claims_bench_${stamp}`;
  return {
    concurrency: positiveInt(env, 'BENCH_CONCURRENCY', 32),
    seconds: positiveInt(env, 'BENCH_SECONDS', 15),
    warmupSeconds: positiveInt(env, 'BENCH_WARMUP_SECONDS', 2, 0),
    workerTimeoutSeconds: positiveInt(env, 'BENCH_WORKER_TIMEOUT_SECONDS', 300),
    databaseUrl: `${server}/${databaseName}`,
    appDatabaseUrl: asUser(`${server}/${databaseName}`, env.BENCH_APP_USER ?? 'claims_app'),
    databaseName,
    redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `bench-${stamp}`,
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function asUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}
