import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@app/config';

/** A config for one test run: its own database, its own queue prefix, a local SMTP sink, any free ports. */
export function testConfig(overrides: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    WORKER_HEALTH_PORT: '0',
    QUEUE_PREFIX: `test-${process.pid}-${randomBytes(3).toString('hex')}`,
    PUBLIC_BASE_URL: 'http://claims.test',
    ...overrides,
  });
}
