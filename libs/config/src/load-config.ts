import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  AppConfig,
  DEV_ONLY_BLIND_INDEX_KEY,
  DEV_ONLY_COOKIE_SECRET,
  DEV_ONLY_EVIDENCE_KEYS,
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

  // The field keys and the evidence master keys: each 32 bytes, the active one listed, and in
  // production never the published development key. Compared by key bytes, not by string: the
  // development key must not be usable under another id or beside a real key.
  const production = config.NODE_ENV === 'production';
  problems.push(...keyListProblems('PII_KEYS', config.PII_KEYS, 'PII_ACTIVE_KEY_ID', config.PII_ACTIVE_KEY_ID, production ? DEV_ONLY_PII_KEYS : null));
  problems.push(
    ...keyListProblems('EVIDENCE_KEYS', config.EVIDENCE_KEYS, 'EVIDENCE_ACTIVE_KEY_ID', config.EVIDENCE_ACTIVE_KEY_ID, production ? DEV_ONLY_EVIDENCE_KEYS : null),
  );
  if (production) {
    if (config.BLIND_INDEX_KEY === DEV_ONLY_BLIND_INDEX_KEY) problems.push('BLIND_INDEX_KEY: the development key cannot be used in production');
    if (config.LINK_SIGNING_KEY === DEV_ONLY_LINK_SIGNING_KEY) problems.push('LINK_SIGNING_KEY: the development key cannot be used in production');
    if (config.POW_HMAC_KEY === DEV_ONLY_POW_HMAC_KEY) problems.push('POW_HMAC_KEY: the development key cannot be used in production');
    if (config.COOKIE_SECRET === DEV_ONLY_COOKIE_SECRET) problems.push('COOKIE_SECRET: the development key cannot be used in production');
  }

  if (config.POW_COUNTER_MIN > config.POW_COUNTER_MAX) problems.push('POW_COUNTER_MIN: must not be above POW_COUNTER_MAX');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** What is wrong with a list of `id:base64` keys and its active id; `devKeys` is refused by its bytes when given. */
function keyListProblems(name: string, spec: string, activeName: string, activeId: string, devKeys: string | null): string[] {
  const problems: string[] = [];
  const keys = spec.split(',').map((pair) => {
    const [id, b64 = ''] = pair.split(':');
    return { id, bytes: Buffer.from(b64, 'base64') };
  });
  for (const key of keys) {
    if (key.bytes.length !== 32) problems.push(`${name}: key "${key.id}" must decode to 32 bytes, got ${key.bytes.length}`);
  }
  if (!keys.some((k) => k.id === activeId)) problems.push(`${activeName}: "${activeId}" is not one of the ids in ${name}`);
  if (devKeys) {
    const devKey = Buffer.from(devKeys.split(':')[1], 'base64');
    if (keys.some((k) => k.bytes.equals(devKey))) problems.push(`${name}: the development key cannot be used in production`);
  }
  return problems;
}
