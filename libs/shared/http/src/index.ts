export * from './lib/body-parsers';
export * from './lib/log-redaction';
export * from './lib/request-id';
