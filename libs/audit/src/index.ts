export * from './access-chain';
export * from './access-log.service';
export * from './audit.module';
