export * from './lib/entities/hosting/dns-domain.entity';
export * from './lib/entities/hosting/dns-record.entity';
export * from './lib/entities/hosting/hosted-database.entity';
export * from './lib/entities/hosting/mail-account.entity';
export * from './lib/entities/hosting/mail-domain.entity';
export * from './lib/entities/hosting/panel-temp-file.entity';
export * from './lib/entities/hosting/web-domain-name.entity';
