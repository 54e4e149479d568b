import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { DomainModule } from '../domain.module';
import { ApplicationCatalog } from './catalog/application-catalog';
import { InstallerLoginsService } from './installer-logins.service';
import { InstallerUsersService } from './installer-users.service';
import { InstallLeases } from './install-leases';
import { InstallTurns } from './install-turns';
import { InstallsService } from './installs.service';
import { FilesystemProvisioner, InstallProvisioner } from './provisioner';
import { InstallerTasksService } from './tasks/installer-tasks.service';
import { BullMqTaskRunner, InProcessTaskRunner, INSTALLER_RECOVERY } from './tasks/task-runners';

export const INSTALLER_TASK_RUNNER = Symbol('INSTALLER_TASK_RUNNER');

/** What runs installer jobs: BullMQ when REDIS_URL is set, the in-process runner otherwise. */
export interface InstallerTaskRunner {
  drain(): Promise<void>;
}

/**
 * The installer's domain: catalog, installs, users-as-accounts, tasks and their runner. Its own
 * module (not DomainModule) so only apps serving the installer start a job runner.
 */
@Module({})
export class InstallerDomainModule {
  /** `recover`: pick up work a previous process left (the gateway yes, a one-shot CLI no). */
  static register(options: { recover: boolean }): DynamicModule {
    const providers: Provider[] = [
      ApplicationCatalog,
      InstallerLoginsService,
      InstallerTasksService,
      InstallerUsersService,
      InstallsService,
      InstallLeases,
      InstallTurns,
      { provide: InstallProvisioner, useClass: FilesystemProvisioner },
      { provide: INSTALLER_RECOVERY, useValue: options.recover },
      {
        provide: INSTALLER_TASK_RUNNER,
        inject: [HOSTGATE_CONFIG, InstallerTasksService, INSTALLER_RECOVERY],
        useFactory: (config: HostgateConfig, tasks: InstallerTasksService, recover: boolean): InstallerTaskRunner =>
          config.redisUrl ? new BullMqTaskRunner(tasks, config, recover) : new InProcessTaskRunner(tasks, config, recover),
      },
    ];
    return {
      module: InstallerDomainModule,
      imports: [DomainModule],
      providers,
      exports: [ApplicationCatalog, InstallerLoginsService, InstallerTasksService, InstallerUsersService, InstallsService, InstallLeases, InstallTurns, InstallProvisioner, INSTALLER_TASK_RUNNER],
    };
  }
}
