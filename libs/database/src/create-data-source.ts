import { DataSource } from 'typeorm';
import { ConnectionSettings, dataSourceOptions } from './data-source-options';

/** A DataSource outside Nest: for `npm run migrate` and for tests' own assertions. */
export function createDataSource(settings: ConnectionSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
