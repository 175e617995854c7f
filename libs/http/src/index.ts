export * from './locale';
export * from './messages';
export * from './api-exception';
export * from './validation.pipe';
export * from './all-exceptions.filter';
