export * from './access-chain';
export * from './access-log.service';
export * from './chain-verifier.service';
export * from './audit.module';
export * from './access-log-filter';
export * from './access-log.query';
export * from './access-review.service';
export * from './access-log-export';
