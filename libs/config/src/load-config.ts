import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  AppConfig,
  DEV_ONLY_BLIND_INDEX_KEY,
  DEV_ONLY_LINK_SIGNING_KEY,
  DEV_ONLY_PII_KEYS,
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

  const keyIds = config.PII_KEYS.split(',').map((pair) => pair.split(':')[0]);
  if (!keyIds.includes(config.PII_ACTIVE_KEY_ID)) {
    problems.push(`PII_ACTIVE_KEY_ID: "${config.PII_ACTIVE_KEY_ID}" is not one of the ids in PII_KEYS`);
  }
  if (config.NODE_ENV === 'production') {
    if (config.PII_KEYS === DEV_ONLY_PII_KEYS) problems.push('PII_KEYS: the development key cannot be used in production');
    if (config.BLIND_INDEX_KEY === DEV_ONLY_BLIND_INDEX_KEY) problems.push('BLIND_INDEX_KEY: the development key cannot be used in production');
    if (config.LINK_SIGNING_KEY === DEV_ONLY_LINK_SIGNING_KEY) problems.push('LINK_SIGNING_KEY: the development key cannot be used in production');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
