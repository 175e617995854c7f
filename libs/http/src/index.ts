export * from './locale';
export * from './messages';
export * from './api-exception';
export * from './validation.pipe';
export * from './all-exceptions.filter';
export * from './json-shape';
export * from './json-body-parser';
