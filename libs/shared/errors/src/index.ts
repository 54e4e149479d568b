export * from './lib/dialect-errors';
export * from './lib/domain-error';
