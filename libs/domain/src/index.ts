export * from './lib/accounts/accounts.service';
export * from './lib/domain.module';
export * from './lib/password-hasher';
export * from './lib/users/users.service';
export * from './lib/billing';
export * from './lib/hosting';
export * from './lib/installer';
