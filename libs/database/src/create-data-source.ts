import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations';

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  applicationName: string;
}

/**
 * The one way to build a DataSource. Schema changes only ever come from migrations/
 * through `npm run migrate`: never synchronize, never migrationsRun at boot.
 */
export function createDataSource({ url, poolSize, applicationName }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    applicationName,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    entities: [],
    logging: false,
    extra: {
      max: poolSize,
      // Fail fast when Postgres is away so the API can answer 503 instead of hanging.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
    },
  });
}
