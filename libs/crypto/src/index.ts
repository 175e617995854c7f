export * from './field-cipher';
export * from './file-cipher';
export * from './blind-index';
export * from './signed-token';
