export * from './lib/entities/installer/install-backup.entity';
export * from './lib/entities/installer/install.entity';
export * from './lib/entities/installer/installer-login.entity';
export * from './lib/entities/installer/installer-task.entity';
