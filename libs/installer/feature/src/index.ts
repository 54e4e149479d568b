export * from './lib/api/installatron-envelope';
export * from './lib/api/installer-api.service';
export * from './lib/installer-error.renderer';
export * from './lib/installer.module';
