import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { webDomainDirectory } from '../accounts/account-files';
import { type Application } from './catalog/application-catalog';
import { safeJoin } from './install-location';

/** What the provisioner needs to know about one install. */
export interface ProvisionTarget {
  readonly installId: string;
  readonly username: string;
  readonly domain: string;
  /** Below the domain's document root; '' for the root. */
  readonly path: string;
  readonly url: string;
  readonly application: Application;
  readonly version: string;
  readonly title: string;
  readonly login: string;
  readonly email: string;
  readonly database: { readonly name: string; readonly user: string; readonly password: string; readonly host: string; readonly type: string; readonly prefix: string } | null;
}

/** Thrown by a provisioner; the dialect answers it with its 500 errcode (failed_filesystem_*). */
export class ProvisionError extends Error {
  constructor(
    readonly errcode: 'failed_filesystem_permission' | 'failed_filesystem_host' | 'failed_database_create',
    message: string,
    /** What the caller is told (the message, with the server's paths, is for the log only). */
    readonly summary = 'The application could not be installed on the website.',
  ) {
    super(message);
    this.name = 'ProvisionError';
  }
}

/**
 * Puts an application on disk and takes it off again. The default writes under DATA_DIR; another
 * implementation (SSH/FTP to the web server, a real installer) can be bound in its place.
 */
export abstract class InstallProvisioner {
  /**
   * Writes (or, for an update, rewrites) the application's files; idempotent, so a re-run job is
   * safe. An update keeps the existing config file (`writeConfig` false), as real updates keep theirs.
   */
  abstract install(target: ProvisionTarget, options?: { writeConfig?: boolean }): Promise<{ files: string[] }>;
  /** Removes what install wrote, leaving the owner's other files alone; idempotent. */
  abstract uninstall(target: ProvisionTarget): Promise<void>;
  /**
   * Removes what install wrote for an owner that no longer exists (deleted while the files were
   * being written), and the directories that writing made and left empty; idempotent.
   */
  abstract abandon(target: ProvisionTarget): Promise<void>;
  /** Copies the install's files into a backup; returns where (relative to DATA_DIR) and the size in bytes. */
  abstract backup(target: ProvisionTarget, backupId: string): Promise<{ archive: string; size: number }>;
  /** Puts a backup's files back in place. */
  abstract restore(target: ProvisionTarget, archive: string): Promise<void>;
  /** Deletes a backup's copy; idempotent. */
  abstract dropBackup(archive: string): Promise<void>;
  /** Where the install's files live (for display and tests). */
  abstract directory(target: Pick<ProvisionTarget, 'username' | 'domain' | 'path'>): string;
}

const phpString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const yamlString = (s: string): string => JSON.stringify(s);

/** The small, recognisable file tree each application gets: its front page, its config and a readme. */
export function applicationFiles(t: ProvisionTarget): Record<string, string> {
  const app = t.application;
  const settings: Array<[string, string]> = [
    ['application', app.id],
    ['version', t.version],
    ['site_title', t.title],
    ['site_url', t.url],
    ['admin_user', t.login],
    ['admin_email', t.email],
    ...(t.database
      ? ([
          ['db_type', t.database.type],
          ['db_host', t.database.host],
          ['db_name', t.database.name],
          ['db_user', t.database.user],
          ['db_password', t.database.password],
          ['db_prefix', t.database.prefix],
        ] as Array<[string, string]>)
      : []),
  ];
  const config = app.config_file.endsWith('.php')
    ? `<?php\n// ${app.name} ${t.version} settings, written by the Hostgate installer for install ${t.installId}.\n${settings.map(([k, v]) => `$${k} = ${phpString(v)};`).join('\n')}\n`
    : `# ${app.name} ${t.version} settings, written by the Hostgate installer for install ${t.installId}.\n${settings.map(([k, v]) => `${k}: ${yamlString(v)}`).join('\n')}\n`;
  return {
    'index.php': `<?php\n// ${app.name} ${t.version}, installed by the Hostgate installer (install ${t.installId}).\ndefine('APP_NAME', ${phpString(app.name)});\ndefine('APP_VERSION', ${phpString(t.version)});\nrequire __DIR__ . '/${app.config_file}';\necho APP_NAME . ' ' . APP_VERSION . ': ' . htmlspecialchars($site_title);\n`,
    [app.config_file]: config,
    'HOSTGATE-INSTALL.txt': `${app.name} ${t.version}\ninstall: ${t.installId}\nurl: ${t.url}\n`,
  };
}

/** Writes each install under DATA_DIR/home/<user>/web/<domain>/public_html/<path>, Hestia's layout. */
@Injectable()
export class FilesystemProvisioner extends InstallProvisioner {
  constructor(@Inject(HOSTGATE_CONFIG) private readonly config: HostgateConfig) {
    super();
  }

  private docroot(username: string, domain: string): string {
    return safeJoin(webDomainDirectory(this.config.dataDir, username, domain), 'public_html');
  }

  directory(t: Pick<ProvisionTarget, 'username' | 'domain' | 'path'>): string {
    return safeJoin(this.docroot(t.username, t.domain), t.path);
  }

  async install(t: ProvisionTarget, options: { writeConfig?: boolean } = {}): Promise<{ files: string[] }> {
    const dir = this.directory(t);
    const files = applicationFiles(t);
    try {
      for (const [rel, content] of Object.entries(files)) {
        if (options.writeConfig === false && rel === t.application.config_file) continue;
        const file = safeJoin(dir, rel);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content, { mode: 0o640 });
      }
    } catch (e) {
      throw new ProvisionError('failed_filesystem_permission', `could not write the application files: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { files: Object.keys(files) };
  }

  async uninstall(t: ProvisionTarget): Promise<void> {
    const dir = this.directory(t);
    for (const rel of Object.keys(applicationFiles(t))) {
      const file = safeJoin(dir, rel);
      // Gone already, or never made because something else sits on the path: nothing of ours to remove.
      await rm(file, { force: true }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOTDIR' && e.code !== 'ENOENT') throw e;
      });
      // Directories the tree created (sites/default, config, ...) go when left empty.
      for (let d = dirname(file); d !== dir && d.startsWith(dir); d = dirname(d)) {
        if (!(await removeIfEmpty(d))) break;
      }
    }
    if (t.path !== '') await removeIfEmpty(dir);
  }

  async abandon(t: ProvisionTarget): Promise<void> {
    await this.uninstall(t);
    // Writing made the directories up to the account's home again; every one left empty goes.
    const homes = safeJoin(this.config.dataDir, 'home');
    for (let d = this.directory(t); d !== homes && d.startsWith(homes + sep); d = dirname(d)) {
      if (!(await removeIfEmpty(d)) && existsSync(d)) break;
    }
  }

  async backup(t: ProvisionTarget, backupId: string): Promise<{ archive: string; size: number }> {
    const archive = join('installer', 'backups', backupId);
    const target = safeJoin(this.config.dataDir, archive);
    const dir = this.directory(t);
    let size = 0;
    try {
      for (const rel of Object.keys(applicationFiles(t))) {
        const from = safeJoin(dir, rel);
        const info = await stat(from).catch(() => undefined);
        if (!info) continue;
        await mkdir(dirname(safeJoin(target, rel)), { recursive: true });
        await cp(from, safeJoin(target, rel));
        size += info.size;
      }
    } catch (e) {
      // A copy cut short (the site removed under it, say) is no backup: nothing of it is kept.
      await rm(target, { recursive: true, force: true });
      throw new ProvisionError('failed_filesystem_permission', `could not copy the files: ${e instanceof Error ? e.message : String(e)}`, 'The backup could not be made.');
    }
    return { archive, size };
  }

  async restore(t: ProvisionTarget, archive: string): Promise<void> {
    const source = safeJoin(this.config.dataDir, archive);
    const dir = this.directory(t);
    try {
      await mkdir(dir, { recursive: true });
      await cp(source, dir, { recursive: true, force: true });
    } catch (e) {
      throw new ProvisionError('failed_filesystem_permission', `could not restore the files: ${e instanceof Error ? e.message : String(e)}`, 'The backup could not be restored.');
    }
  }

  async dropBackup(archive: string): Promise<void> {
    await rm(safeJoin(this.config.dataDir, archive), { recursive: true, force: true });
  }
}

async function removeIfEmpty(dir: string): Promise<boolean> {
  try {
    if ((await readdir(dir)).length > 0) return false;
    await rmdir(dir);
    return true;
  } catch {
    return false;
  }
}
