export * from './field-cipher';
export * from './blind-index';
export * from './signed-token';
