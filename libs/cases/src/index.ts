export * from './case.record';
export * from './cases.repository';
export * from './cases.service';
export * from './cases.module';
export * from './public-case.view';
export * from './demo-case.seed';
export * from './consent-hash';
export * from './demo-claim';
