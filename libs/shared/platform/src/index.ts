export * from './lib/create-app';
export * from './lib/dialect-registration';
export * from './lib/health.controller';
export * from './lib/hostgate-exception.filter';
export * from './lib/root.module';
export * from './lib/dialect-main';
