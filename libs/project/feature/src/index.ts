export * from './lib/api/action-chain';
export * from './lib/project-error.renderer';
export * from './lib/project.module';
