export * from './lib/api/hestia-codes';
export * from './lib/api/hestia-output';
export * from './lib/panel-error.renderer';
export * from './lib/panel.module';
export * from './lib/commands/command-table';
