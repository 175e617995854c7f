import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@app/config';

/** Lets tests read readiness details from the API. */
export const TEST_HEALTH_TOKEN = 'test-health-token-0123456789abcdef';

/** A config for one test run: its own database, its own queue prefix, a local SMTP sink, any free ports. */
export function testConfig(overrides: Record<string, string>): AppConfig {
  // Each run's uploads in a folder of its own under the system's temp folder (removed by TestStack.stop).
  const files = join(tmpdir(), `claims-test-files-${process.pid}-${randomBytes(3).toString('hex')}`);
  return loadConfig({
    EVIDENCE_DIR: join(files, 'evidence'),
    EVIDENCE_TMP_DIR: join(files, 'uploads'),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    WORKER_HEALTH_PORT: '0',
    QUEUE_PREFIX: `test-${process.pid}-${randomBytes(3).toString('hex')}`,
    PUBLIC_BASE_URL: 'http://claims.test',
    // Proof of work that costs nothing, and limits no test reaches unless it means to.
    POW_COST: '1',
    POW_COUNTER_MIN: '1',
    POW_COUNTER_MAX: '20',
    RATE_LIMIT_PER_IP: '1000000/60',
    RATE_LIMIT_PER_EMAIL: '1000000/60',
    RATE_LIMIT_PER_PHONE: '1000000/60',
    RATE_LIMIT_PER_CASE: '1000000/60',
    RATE_LIMIT_CODES_PER_EMAIL: '1000000/60',
    RATE_LIMIT_STAFF_SIGN_IN: '1000000/60',
    HEALTH_TOKEN: TEST_HEALTH_TOKEN,
    ...overrides,
  });
}
