export * from './lib/config.module';
export * from './lib/hostgate-config';
