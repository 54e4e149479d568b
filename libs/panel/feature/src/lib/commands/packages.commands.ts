import { Injectable } from '@nestjs/common';
import { HostingPackagesService, type PackageSettings, TempFilesService } from '@hostgate/domain';
import { DomainError } from '@hostgate/shared/errors';
import { argOr, command, listed, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkPackage, checkShell } from './hestia-validators';
import { TMP_DIR } from './temp-files.commands';
import { formatPackageList, packageRecord } from './users.format';

/** v-*-user-package(s): the hosting packages whose limits every dialect enforces. */
@Injectable()
export class PackagesCommands implements PanelCommandFamily {
  constructor(
    private readonly packages: HostingPackagesService,
    private readonly files: TempFilesService,
  ) {}

  commands(): PanelCommand[] {
    return [this.addPackage(), this.listPackages(), this.deletePackage()];
  }

  /**
   * Hestia copies PKG_DIR/PACKAGE.pkg into its package store. Over the API the only directory a
   * caller can write is <TMP> (through v-make-tmp-file), so that is where the .pkg file is read.
   */
  private addPackage(): PanelCommand {
    return command('v-add-user-package', 'PKG_DIR PACKAGE [REWRITE]', 2, async ({ args }) => {
      const [dir, name] = args;
      checkPackage(name);
      if (name === '') throw DomainError.invalid('package', name);
      const file = dir.replace(/\/+$/, '') === TMP_DIR ? await this.files.content(`${name}.pkg`) : undefined;
      if (file === undefined) throw DomainError.notFound('package', name, 'package');
      await this.packages.save(name, parsePackageFile(file), argOr(args, 2, '') === 'yes');
      return ok();
    });
  }

  private listPackages(): PanelCommand {
    return command('v-list-user-packages', '[FORMAT]', 0, async ({ args }) => {
      const packages = await this.packages.list();
      return listed(formatPackageList(packages.map(packageRecord), argOr(args, 0, 'shell')));
    });
  }

  private deletePackage(): PanelCommand {
    return command('v-delete-user-package', 'PACKAGE', 1, async ({ args }) => {
      checkPackage(args[0]);
      await this.packages.delete(args[0]);
      return ok();
    });
  }
}

/** .pkg keys and the package fields they set; the limits must be integers or "unlimited". */
const PKG_FIELDS: ReadonlyArray<readonly [string, keyof PackageSettings, 'limit' | 'text' | 'shell']> = [
  ['WEB_TEMPLATE', 'webTemplate', 'text'],
  ['BACKEND_TEMPLATE', 'backendTemplate', 'text'],
  ['PROXY_TEMPLATE', 'proxyTemplate', 'text'],
  ['DNS_TEMPLATE', 'dnsTemplate', 'text'],
  ['WEB_DOMAINS', 'webDomains', 'limit'],
  ['WEB_ALIASES', 'webAliases', 'limit'],
  ['DNS_DOMAINS', 'dnsDomains', 'limit'],
  ['DNS_RECORDS', 'dnsRecords', 'limit'],
  ['MAIL_DOMAINS', 'mailDomains', 'limit'],
  ['MAIL_ACCOUNTS', 'mailAccounts', 'limit'],
  ['DATABASES', 'databases', 'limit'],
  ['CRON_JOBS', 'cronJobs', 'limit'],
  ['DISK_QUOTA', 'diskQuota', 'limit'],
  ['BANDWIDTH', 'bandwidth', 'limit'],
  ['NS', 'ns', 'text'],
  ['SHELL', 'shell', 'shell'],
  ['BACKUPS', 'backups', 'limit'],
];

/** KEY='value' lines, as the script sources them; unknown keys are ignored. */
export function parsePackageFile(text: string): PackageSettings {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(?:'([^']*)'|"([^"]*)"|(\S*))\s*$/.exec(line.trim());
    if (m) values.set(m[1], m[2] ?? m[3] ?? m[4] ?? '');
  }
  const settings: Record<string, string> = {};
  for (const [key, field, kind] of PKG_FIELDS) {
    const value = values.get(key);
    if (value === undefined) continue;
    if (kind === 'limit' && value !== 'unlimited' && !/^\d{1,9}$/.test(value)) throw DomainError.invalid(key, value);
    if (kind === 'shell') checkShell(value);
    if (kind === 'text' && (value.length > (key === 'NS' ? 255 : 64) || /[\r\n]/.test(value))) throw DomainError.invalid(key, value);
    settings[field] = value;
  }
  return settings;
}
