export * from './case.record';
export * from './cases.service';
export * from './cases.module';
export * from './case-seeder';
export * from './public-case.view';
export * from './demo-case';
export * from './consent-hash';
export * from './demo-claim';
