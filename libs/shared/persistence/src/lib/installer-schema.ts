import { type MigrationInterface } from 'typeorm';
import { InstallBackupEntity } from './entities/installer/install-backup.entity';
import { InstallEntity } from './entities/installer/install.entity';
import { InstallerLoginEntity } from './entities/installer/installer-login.entity';
import { InstallerTaskEntity } from './entities/installer/installer-task.entity';
import { Installer1763940000000 } from './migrations/1763940000000-installer';
import { InstallLeases1764100000000 } from './migrations/1764100000000-install-leases';

/** The installer dialect's tables: entity classes and the migrations that create them, oldest first. */
export const INSTALLER_ENTITIES: Array<new () => object> = [InstallEntity, InstallerTaskEntity, InstallBackupEntity, InstallerLoginEntity];
export const INSTALLER_MIGRATIONS: Array<new () => MigrationInterface> = [Installer1763940000000, InstallLeases1764100000000];
