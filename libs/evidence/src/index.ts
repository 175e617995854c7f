export * from './verify-claim';
