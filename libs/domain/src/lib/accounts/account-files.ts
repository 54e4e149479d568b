import { rm } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
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

/** The files an account leaves on disk, removed with the account. */
@Injectable()
export class AccountFilesService {
  private readonly logger = new Logger(AccountFilesService.name);

  constructor(@Inject(HOSTGATE_CONFIG) private readonly config: Pick<HostgateConfig, 'dataDir'>) {}

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

  private async removeAll(what: string, targets: ReadonlyArray<() => string>): Promise<void> {
    for (const target of targets) {
      try {
        await rm(target(), { recursive: true, force: true });
      } catch (e) {
        this.logger.error(`files of ${what} left behind: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
