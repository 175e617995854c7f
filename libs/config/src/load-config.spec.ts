import { randomBytes } from 'node:crypto';
import { AppConfig, DEV_ONLY_BLIND_INDEX_KEY, DEV_ONLY_COOKIE_SECRET, DEV_ONLY_EVIDENCE_KEYS, DEV_ONLY_LINK_SIGNING_KEY, DEV_ONLY_PII_KEYS, DEV_ONLY_POW_HMAC_KEY } from './app-config';
import { ConfigError, loadConfig } from './load-config';

const key = () => randomBytes(32).toString('base64');
/** Settings a production process needs beyond the defaults. */
const productionEnv = () => ({
  NODE_ENV: 'production',
  PII_KEYS: `prod1:${key()}`,
  PII_ACTIVE_KEY_ID: 'prod1',
  BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
  LINK_SIGNING_KEY: randomBytes(32).toString('hex'),
  POW_HMAC_KEY: randomBytes(32).toString('hex'),
  COOKIE_SECRET: randomBytes(32).toString('hex'),
  EVIDENCE_KEYS: `prod1:${key()}`,
  EVIDENCE_ACTIVE_KEY_ID: 'prod1',
});

/** The ConfigError loadConfig throws for `env`; fails the test if it throws none. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads the development defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_URL: 'postgres://claims_app@127.0.0.1:5432/claims',
      DATABASE_ADMIN_URL: 'postgres://postgres@127.0.0.1:5432/claims',
      PII_KEYS: DEV_ONLY_PII_KEYS,
      PII_ACTIVE_KEY_ID: 'dev1',
      WORKER_QUEUES: ['claims', 'notifications', 'rescore', 'evidence', 'review', 'audit', 'filing'],
      OUTBOX_RELAY_ENABLED: true,
      LOG_PRETTY: false,
    });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '  ', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ SOMETHING_ELSE: 'x', PATH: '/usr/bin' })).not.toHaveProperty('SOMETHING_ELSE');
  });

  it('parses numbers, trimming spaces', () => {
    expect(loadConfig({ PORT: ' 8080 ', DATABASE_POOL_SIZE: '5' })).toMatchObject({ PORT: 8080, DATABASE_POOL_SIZE: 5 });
  });

  it('parses WORKER_QUEUES as a comma-separated list, trimming and dropping empty entries', () => {
    expect(loadConfig({ WORKER_QUEUES: ' notifications , claims ,' }).WORKER_QUEUES).toEqual(['notifications', 'claims']);
    expect(loadConfig({ WORKER_QUEUES: 'claims' }).WORKER_QUEUES).toEqual(['claims']);
  });

  it.each([['false', false], ['0', false], ['true', true], ['1', true]])('parses OUTBOX_RELAY_ENABLED=%s', (value, expected) => {
    expect(loadConfig({ OUTBOX_RELAY_ENABLED: value }).OUTBOX_RELAY_ENABLED).toBe(expected);
  });

  it('accepts another PII key as the active one', () => {
    const config = loadConfig({ PII_KEYS: `old:${key()},new:${key()}`, PII_ACTIVE_KEY_ID: 'new' });
    expect(config.PII_ACTIVE_KEY_ID).toBe('new');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_POOL_SIZE', '0'],
    ['REDIS_URL', 'http://redis'],
    ['SMTP_URL', 'localhost:25'],
    ['PUBLIC_BASE_URL', 'claims.example'],
    ['QUEUE_PREFIX', 'has spaces'],
    ['PII_KEYS', 'garbage'],
    ['PII_KEYS', 'k1:short'],
    ['BLIND_INDEX_KEY', 'too-short'],
    ['LINK_SIGNING_KEY', 'too-short'],
    ['OUTBOX_RELAY_ENABLED', 'yes'],
    ['LOG_PRETTY', 'maybe'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['BODY_LIMIT_BYTES', '10'],
    ['COOKIE_SECRET', 'too-short'],
    ['EVIDENCE_MAX_FILE_BYTES', '10MB'],
    ['EVIDENCE_MAX_FILE_BYTES', '0'],
    ['HTTP_UPLOAD_TIMEOUT_SECONDS', '0'],
    ['HTTP_UPLOAD_TIMEOUT_SECONDS', 'two minutes'],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message).toContain(name);
    expect(error.problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
  });

  it('refuses an active key id that is not in PII_KEYS', () => {
    const error = configError({ PII_KEYS: `k1:${key()}`, PII_ACTIVE_KEY_ID: 'k2' });
    expect(error.problems).toEqual(['PII_ACTIVE_KEY_ID: "k2" is not one of the ids in PII_KEYS']);
  });

  it('reports every problem at once', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope' });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'REDIS_URL']);
    expect(error.name).toBe('ConfigError');
  });

  it('does not repeat a secret value in the error', () => {
    const error = configError({ BLIND_INDEX_KEY: 'short-secret-zq7' });
    expect(error.message).not.toContain('short-secret-zq7');
  });

  describe('production', () => {
    it('starts with its own keys', () => {
      expect(loadConfig(productionEnv()).NODE_ENV).toBe('production');
    });

    it('refuses every development key', () => {
      const error = configError({ NODE_ENV: 'production' });
      expect(error.problems).toEqual([
        'PII_KEYS: the development key cannot be used in production',
        'EVIDENCE_KEYS: the development key cannot be used in production',
        'BLIND_INDEX_KEY: the development key cannot be used in production',
        'LINK_SIGNING_KEY: the development key cannot be used in production',
        'POW_HMAC_KEY: the development key cannot be used in production',
        'COOKIE_SECRET: the development key cannot be used in production',
      ]);
    });

    it.each([
      ['PII_KEYS', { PII_KEYS: DEV_ONLY_PII_KEYS, PII_ACTIVE_KEY_ID: 'dev1' }],
      ['BLIND_INDEX_KEY', { BLIND_INDEX_KEY: DEV_ONLY_BLIND_INDEX_KEY }],
      ['LINK_SIGNING_KEY', { LINK_SIGNING_KEY: DEV_ONLY_LINK_SIGNING_KEY }],
      ['POW_HMAC_KEY', { POW_HMAC_KEY: DEV_ONLY_POW_HMAC_KEY }],
      ['COOKIE_SECRET', { COOKIE_SECRET: DEV_ONLY_COOKIE_SECRET }],
      ['EVIDENCE_KEYS', { EVIDENCE_KEYS: DEV_ONLY_EVIDENCE_KEYS, EVIDENCE_ACTIVE_KEY_ID: 'dev1' }],
    ])('refuses the development %s on its own', (name, override) => {
      const error = configError({ ...productionEnv(), ...override });
      expect(error.problems).toEqual([`${name}: the development key cannot be used in production`]);
    });

    it('allows the development keys outside production', () => {
      expect(() => loadConfig({ NODE_ENV: 'test' })).not.toThrow();
    });

    // Keys are compared by their bytes, so the published key is refused whatever it is listed as.
    it('refuses the development PII key listed next to a real key', () => {
      const devKey = DEV_ONLY_PII_KEYS.split(':')[1];
      const error = configError({ ...productionEnv(), PII_KEYS: `prod1:${key()},dev1:${devKey}`, PII_ACTIVE_KEY_ID: 'dev1' });
      expect(error.problems).toEqual(['PII_KEYS: the development key cannot be used in production']);
    });

    it('refuses the development PII key under another id', () => {
      const devKey = DEV_ONLY_PII_KEYS.split(':')[1];
      const error = configError({ ...productionEnv(), PII_KEYS: `prod1:${devKey}`, PII_ACTIVE_KEY_ID: 'prod1' });
      expect(error.problems).toEqual(['PII_KEYS: the development key cannot be used in production']);
    });
  });

  it('refuses an evidence key that is not 32 bytes, or an active id not listed, naming EVIDENCE_KEYS', () => {
    const error = configError({ EVIDENCE_KEYS: `e1:${randomBytes(33).toString('base64')}`, EVIDENCE_ACTIVE_KEY_ID: 'e2' });
    expect(error.problems).toEqual(['EVIDENCE_KEYS: key "e1" must decode to 32 bytes, got 33', 'EVIDENCE_ACTIVE_KEY_ID: "e2" is not one of the ids in EVIDENCE_KEYS']);
  });

  // 44 base64 characters without "=" padding pass the pattern but decode to 33 bytes.
  it('refuses a PII key that does not decode to 32 bytes, naming PII_KEYS', () => {
    const thirtyThreeBytes = randomBytes(33).toString('base64');
    expect(thirtyThreeBytes).toHaveLength(44);
    const error = configError({ PII_KEYS: `k1:${thirtyThreeBytes}`, PII_ACTIVE_KEY_ID: 'k1' });
    expect(error.problems).toEqual(['PII_KEYS: key "k1" must decode to 32 bytes, got 33']);
  });
});

describe('loadConfig: the public surface settings', () => {
  it('reads rate limits as count/seconds and refuses anything else, naming the variable', () => {
    expect(loadConfig({ RATE_LIMIT_PER_IP: '30/60' }).RATE_LIMIT_PER_IP).toBe('30/60');
    expect(configError({ RATE_LIMIT_PER_IP: '30 per minute' }).problems).toEqual(['RATE_LIMIT_PER_IP: must be count/seconds, e.g. 60/600']);
  });

  it('trusts no proxy by default, and only IP addresses or ranges when told to', () => {
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(configError({ TRUSTED_PROXIES: 'loadbalancer.internal' }).problems[0]).toMatch(/^TRUSTED_PROXIES: /);
  });

  it('gives uploads 10 MiB and two minutes by default, and reads other values', () => {
    expect(loadConfig({})).toMatchObject({ EVIDENCE_MAX_FILE_BYTES: 10_485_760, HTTP_UPLOAD_TIMEOUT_SECONDS: 120, HTTP_REQUEST_TIMEOUT_SECONDS: 15 });
    expect(loadConfig({ EVIDENCE_MAX_FILE_BYTES: '5242880', HTTP_UPLOAD_TIMEOUT_SECONDS: '300' })).toMatchObject({ EVIDENCE_MAX_FILE_BYTES: 5_242_880, HTTP_UPLOAD_TIMEOUT_SECONDS: 300 });
  });

  it('refuses a proof-of-work counter range that is upside down', () => {
    expect(configError({ POW_COUNTER_MIN: '10', POW_COUNTER_MAX: '5' }).problems).toEqual(['POW_COUNTER_MIN: must not be above POW_COUNTER_MAX']);
  });
});
