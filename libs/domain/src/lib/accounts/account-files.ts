import { rm } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { safeJoin } from '../installer/install-location';

/** An account's home under DATA_DIR, as Hestia's /home/USER: its web roots (and what is installed in them) live there. */
export function accountHome(dataDir: string, username: string): string {
  // One path segment, never the parent of every home.
  if (username === '' || username === '.' || username === '..' || /[/\\]/.test(username)) throw new Error(`not an account name: ${JSON.stringify(username)}`);
  return safeJoin(dataDir, 'home', username);
}

/** A web domain's directory in its account's home; its document root is `public_html` in it. */
export function webDomainDirectory(dataDir: string, username: string, domain: string): string {
  if (domain === '' || domain === '.' || domain === '..' || /[/\\]/.test(domain)) throw new Error(`not a domain name: ${JSON.stringify(domain)}`);
  return safeJoin(accountHome(dataDir, username), 'web', domain);
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
