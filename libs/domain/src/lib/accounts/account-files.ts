import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, sep } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { safeJoin } from '../installer/install-location';

/** `name` as one path segment: never empty, `.`, `..` or with a separator (so never the parent of its siblings). */
function segment(name: string, what: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\\]/.test(name)) throw new Error(`not ${what}: ${JSON.stringify(name)}`);
  return name;
}

/** An account's home under DATA_DIR, as Hestia's /home/USER: its web roots (and what is installed in them) live there. */
export function accountHome(dataDir: string, username: string): string {
  return safeJoin(dataDir, 'home', segment(username, 'an account name'));
}

/** A web domain's directory in its account's home; its document root is `public_html` in it. */
export function webDomainDirectory(dataDir: string, username: string, domain: string): string {
  return safeJoin(accountHome(dataDir, username), 'web', segment(domain, 'a domain name'));
}

/** Where removed trees wait for their removal under DATA_DIR: never a path an account or domain can have. */
export const REMOVAL_DIR = '.removing';

/** The files an account leaves on disk, removed with the account. */
@Injectable()
export class AccountFilesService implements OnModuleInit {
  private readonly logger = new Logger(AccountFilesService.name);

  constructor(@Inject(HOSTGATE_CONFIG) private readonly config: Pick<HostgateConfig, 'dataDir'>) {}

  /** Finishes removals a stop cut short (each entry on its own: another process may be moving one in). */
  async onModuleInit(): Promise<void> {
    const dir = safeJoin(this.config.dataDir, REMOVAL_DIR);
    const left = await readdir(dir).catch(() => []);
    await this.removeAll('an earlier removal', left.map((name) => () => safeJoin(dir, name)));
  }

  /**
   * Removes the account's home and the given backup archives (paths relative to DATA_DIR). Runs
   * after the account's rows are gone; a file that cannot be removed is logged, not thrown, since
   * the account no longer exists to retry with.
   */
  async remove(username: string, archives: readonly string[]): Promise<void> {
    await this.removeAll(`deleted account ${username}`, [() => accountHome(this.config.dataDir, username), ...archives.map((a) => () => safeJoin(this.config.dataDir, a))]);
  }

  /** Removes a deleted web domain's directory (HOME/web/DOMAIN), as Hestia's v-delete-web-domain does. */
  async removeWebDomain(username: string, domain: string): Promise<void> {
    await this.removeAll(`deleted web domain ${domain}`, [() => webDomainDirectory(this.config.dataDir, username, domain)]);
  }

  /**
   * Each target is first moved aside in one step (a rename within DATA_DIR), then removed: an
   * account or domain of the same name made meanwhile starts with nothing of the old one, and
   * nothing of the new one is removed with it.
   */
  private async removeAll(what: string, targets: ReadonlyArray<() => string>): Promise<void> {
    for (const target of targets) {
      try {
        const path = target();
        const aside = await this.moveAside(path);
        if (aside !== undefined) await rm(aside, { recursive: true, force: true, maxRetries: 3 });
      } catch (e) {
        this.logger.error(`files of ${what} left behind: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  /** The path the tree now has, or undefined when there was none; in place where it cannot be moved (another file system). */
  private async moveAside(path: string): Promise<string | undefined> {
    const dir = safeJoin(this.config.dataDir, REMOVAL_DIR);
    if (path.startsWith(dir + sep)) return path;
    await mkdir(dir, { recursive: true });
    const aside = safeJoin(dir, `${basename(path)}-${randomBytes(6).toString('hex')}`);
    try {
      await rename(path, aside);
      return aside;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code === 'EXDEV') return path;
      throw e;
    }
  }
}
