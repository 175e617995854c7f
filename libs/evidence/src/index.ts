export * from './verify-claim';
export * from './evidence.module';
export * from './evidence.service';
export * from './evidence.queue';
export { EVIDENCE_LIMITS, type AcceptedType, type RefusalCode } from './files/file-policy';
