import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations';

export interface ConnectionSettings {
  url: string;
  poolSize: number;
  applicationName: string;
}

/**
 * The one set of TypeORM options. Schema changes only ever come from migrations/ through
 * `npm run migrate`: never synchronize, never migrationsRun at boot, never an extension
 * installed by the ORM (the app role may not create any).
 */
export function dataSourceOptions({ url, poolSize, applicationName }: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    logging: false,
    extra: {
      max: poolSize,
      // Fail fast when Postgres is away so the API can answer 503 instead of hanging.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
    },
  };
}
