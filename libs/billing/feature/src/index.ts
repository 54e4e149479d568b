export * from './lib/api/blesta-dispatch';
export * from './lib/api/blesta-envelope';
export * from './lib/api/blesta-path';
export * from './lib/api/blesta-registry';
export * from './lib/billing-error.renderer';
export * from './lib/billing.module';
export * from './lib/api/php-parse-str';
export * from './lib/cli/billing-api.command';
