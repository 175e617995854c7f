export * from './create-data-source';
export * from './ensure-database';
export * from './pg-errors';
export * from './database.module';
export * from './query-rows';
