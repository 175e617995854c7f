export * from './rate-limits';
export * from './proof-of-work';
export * from './protected-write.guard';
export * from './protection.module';
export * from './ip-limit.guard';
export * from './page-form.guard';
export * from './same-origin';
