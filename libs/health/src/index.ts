export * from './readiness-probe';
export * from './readiness.service';
export * from './health.module';
export * from './health.controller';
export * from './with-timeout';
