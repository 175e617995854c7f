export * from './claim-facts';
export * from './dates';
export * from './initial-rules';
export * from './damage-estimate';
