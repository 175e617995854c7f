import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  AppConfig,
  DEV_ONLY_BLIND_INDEX_KEY,
  DEV_ONLY_LINK_SIGNING_KEY,
  DEV_ONLY_PII_KEYS,
  DEV_ONLY_POW_HMAC_KEY,
} from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the one AppConfig from environment variables. This is the only place
 * in the code base that reads process.env; every other module receives AppConfig.
 * Throws ConfigError naming each variable that is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const present: Record<string, string> = {};
  for (const name of known) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') present[name] = value.trim();
  }

  const config = plainToInstance(AppConfig, present);
  const problems = validateSync(config, { forbidUnknownValues: true }).map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );

  const keys = config.PII_KEYS.split(',').map((pair) => {
    const [id, b64 = ''] = pair.split(':');
    return { id, bytes: Buffer.from(b64, 'base64') };
  });
  for (const key of keys) {
    if (key.bytes.length !== 32) problems.push(`PII_KEYS: key "${key.id}" must decode to 32 bytes, got ${key.bytes.length}`);
  }
  const keyIds = keys.map((k) => k.id);
  if (!keyIds.includes(config.PII_ACTIVE_KEY_ID)) {
    problems.push(`PII_ACTIVE_KEY_ID: "${config.PII_ACTIVE_KEY_ID}" is not one of the ids in PII_KEYS`);
  }
  if (config.NODE_ENV === 'production') {
    // Compared by key bytes, not by string: the published development key must not be usable
    // under another id or beside a real key.
    const devKey = Buffer.from(DEV_ONLY_PII_KEYS.split(':')[1], 'base64');
    if (keys.some((k) => k.bytes.equals(devKey))) problems.push('PII_KEYS: the development key cannot be used in production');
    if (config.BLIND_INDEX_KEY === DEV_ONLY_BLIND_INDEX_KEY) problems.push('BLIND_INDEX_KEY: the development key cannot be used in production');
    if (config.LINK_SIGNING_KEY === DEV_ONLY_LINK_SIGNING_KEY) problems.push('LINK_SIGNING_KEY: the development key cannot be used in production');
    if (config.POW_HMAC_KEY === DEV_ONLY_POW_HMAC_KEY) problems.push('POW_HMAC_KEY: the development key cannot be used in production');
  }

  if (config.POW_COUNTER_MIN > config.POW_COUNTER_MAX) problems.push('POW_COUNTER_MIN: must not be above POW_COUNTER_MAX');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
