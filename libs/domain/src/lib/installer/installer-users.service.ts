import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DomainError, DomainErrorCode, isDomainError } from '@hostgate/shared/errors';
import { AccountEntity, HostedDatabaseEntity, InstallBackupEntity, InstallEntity, WebDomainEntity } from '@hostgate/shared/persistence';
import { AccountFilesService } from '../accounts/account-files';
import { AccountsService } from '../accounts/accounts.service';
import { lockActiveAccount, normaliseDomain } from '../hosting/hosting-rules';
import { WebDomainsService } from '../hosting/web-domains.service';

/** A website as Installatron's POST /users describes it; the domain is its label or its first vhost's host. */
export interface InstallerWebsite {
  readonly label?: string;
  readonly path?: string;
  /** `{url: docroot-relative path}` or a list of URLs. */
  readonly vhosts?: Readonly<Record<string, string>> | readonly string[];
}

export interface InstallerUserInput {
  readonly email?: string;
  readonly language?: string;
  readonly package?: string;
  readonly suspended?: boolean;
  readonly type?: string;
  /** Absent: leave the account's web domains alone. Present: they become exactly these. */
  readonly websites?: readonly InstallerWebsite[];
}

export interface InstallerUserView {
  readonly account: AccountEntity;
  readonly domains: WebDomainEntity[];
  readonly databases: HostedDatabaseEntity[];
}

/** Hestia's user name rule (v-add-user): alphanumerics with - . _ inside, at most 32. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,30}[A-Za-z0-9]$|^[A-Za-z0-9]$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
/** A locale as the panel stores it: `en`, `de`, `pt_BR`, ... */
const LANGUAGE = /^[a-z]{2}(_[A-Z]{2})?$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * The installer's users are the hosting accounts; their websites are the accounts' web domains.
 * Creating a user the panel lacks creates the account, and a website list replaces the domains.
 */
@Injectable()
export class InstallerUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly webDomains: WebDomainsService,
    private readonly files: AccountFilesService,
  ) {}

  async view(username: string): Promise<InstallerUserView> {
    const account = await this.accounts.get(username);
    return this.viewOf(account);
  }

  async list(offset: number, limit: number): Promise<{ items: InstallerUserView[]; total: number }> {
    const { items, total } = await this.accounts.list({ offset, limit });
    // Two queries for the whole page rather than two per user.
    const ids = items.map((a) => a.id);
    const [domains, databases] = ids.length
      ? await Promise.all([
          this.dataSource.getRepository(WebDomainEntity).find({ where: { accountId: In(ids) }, order: { id: 'ASC' } }),
          this.dataSource.getRepository(HostedDatabaseEntity).find({ where: { accountId: In(ids) }, order: { id: 'ASC' } }),
        ])
      : [[], []];
    return { items: items.map((account) => ({ account, domains: domains.filter((d) => d.accountId === account.id), databases: databases.filter((d) => d.accountId === account.id) })), total };
  }

  private async viewOf(account: AccountEntity): Promise<InstallerUserView> {
    const [domains, databases] = await Promise.all([
      this.dataSource.getRepository(WebDomainEntity).find({ where: { accountId: account.id }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(HostedDatabaseEntity).find({ where: { accountId: account.id }, order: { id: 'ASC' } }),
    ]);
    return { account, domains, databases };
  }

  /** POST /users and POST /users/{id}: creates the account when missing, then applies what was given. */
  async save(username: string, input: InstallerUserInput): Promise<{ view: InstallerUserView; created: boolean }> {
    if (!username) throw DomainError.missing('id');
    if (!USERNAME.test(username)) throw DomainError.invalid('id', username);
    if (input.email !== undefined && !EMAIL.test(input.email)) throw DomainError.invalid('email', input.email);
    if (input.type !== undefined && !['user', 'reseller'].includes(input.type)) throw DomainError.invalid('type', input.type);
    if (input.language !== undefined && !LANGUAGE.test(input.language)) throw DomainError.invalid('language', input.language);
    const desired = input.websites ? desiredDomains(input.websites) : undefined;
    const existing = await this.accounts.find(username);
    const created = !existing;
    // Installatron users have no password of their own here: the panel's owner sets one later.
    const passwordHash = created ? await this.accounts.hashPassword(randomBytes(18).toString('base64url')) : '';
    // Everything asked for, or nothing: one refused change takes back the others, and a user this
    // call creates is made in the same transaction, so it is never left half made.
    const dropped = await this.dataSource.transaction(async (tx) => {
      const before = existing ?? (await this.accounts.createIn(tx, { username, email: input.email ?? `${username}@localhost.localdomain`, packageName: input.package }, passwordHash));
      if (!created && input.email !== undefined && input.email !== before.email) await this.accounts.changeContactIn(tx, username, input.email);
      if (!created && input.package !== undefined) await asArgument('package', input.package, this.accounts.changePackageIn(tx, username, input.package, false));
      if (input.language !== undefined && input.language !== before.language) await tx.getRepository(AccountEntity).update({ id: before.id }, { language: input.language });
      const gone = desired ? await asArgument('websites', [...desired.keys()].join(','), this.syncDomainsIn(tx, username, desired)) : [];
      if (input.suspended === true && !before.suspended) await this.accounts.suspendIn(tx, username);
      if (input.suspended === false && before.suspended) await this.accounts.unsuspendIn(tx, username);
      return gone;
    });
    // The directories of the websites dropped go once that has committed, as the panel's deletion does.
    for (const domain of dropped) await this.files.removeWebDomain(username, domain);
    return { view: await this.view(username), created };
  }

  /**
   * The account's web domains become exactly `desired`, in the caller's transaction, within its
   * package limits. Answers the domains dropped, whose directories are to go after the commit.
   */
  private async syncDomainsIn(tx: EntityManager, username: string, desired: ReadonlyMap<string, string[] | undefined>): Promise<string[]> {
    const account = await lockActiveAccount(tx, username);
    const repo = tx.getRepository(WebDomainEntity);
    const existing = await repo.find({ where: { accountId: account.id } });
    const dropped: string[] = [];
    for (const d of existing) {
      if (desired.has(d.domain)) continue;
      if (await tx.getRepository(InstallEntity).existsBy({ accountId: account.id, domain: d.domain })) {
        throw new DomainError(DomainErrorCode.InUse, `The website ${d.domain} still has installs.`, { field: 'websites', entity: 'web domain', value: d.domain });
      }
      await repo.delete({ id: d.id });
      dropped.push(d.domain);
    }
    try {
      for (const [domain, aliases] of desired) {
        const have = existing.find((d) => d.domain === domain);
        if (!have) {
          await this.webDomains.addIn(tx, account, { domain, aliases });
        } else if (aliases) {
          // New vhosts of a known website become aliases, under the panel's rules (free everywhere,
          // within the package); existing aliases stay (the panel may have added them).
          await this.webDomains.addAliasesIn(tx, account, have, aliases);
        }
      }
    } catch (e) {
      // A name another website already has is the websites argument's fault (errfield websites).
      if (isDomainError(e) && e.code === DomainErrorCode.AlreadyExists) throw new DomainError(e.code, e.message, { ...e.details, field: 'websites' });
      throw e;
    }
    return dropped;
  }

  /**
   * DELETE /users/{id}: as in Installatron, only the installer's knowledge of the user goes (its
   * install and backup records); the hosting account, its files and databases stay the panel's.
   */
  async forget(username: string, dryrun: boolean): Promise<{ installs: number; backups: number }> {
    const account = await this.accounts.get(username);
    return this.dataSource.transaction(async (tx) => {
      const installs = await tx.getRepository(InstallEntity).countBy({ accountId: account.id });
      const backups = await tx.getRepository(InstallBackupEntity).countBy({ accountId: account.id });
      if (!dryrun) {
        await tx.getRepository(InstallEntity).delete({ accountId: account.id });
        await tx.getRepository(InstallBackupEntity).delete({ accountId: account.id });
      }
      return { installs, backups };
    });
  }
}

/** domain → aliases wanted, from Installatron website objects. */
export function desiredDomains(websites: readonly InstallerWebsite[]): Map<string, string[] | undefined> {
  const out = new Map<string, string[] | undefined>();
  for (const w of websites) {
    const urls = Array.isArray(w.vhosts) ? (w.vhosts as string[]) : Object.keys(w.vhosts ?? {});
    const hosts = urls.map(hostOf);
    const primary = normaliseDomain(w.label?.trim() ? hostOf(w.label) : (hosts[0] ?? ''));
    if (!primary || !HOST.test(primary)) throw DomainError.invalid('websites', w.label ?? urls.join(','), 'Each website needs a label or vhost naming its domain.');
    const aliases = [...new Set(hosts.filter((h) => h !== primary))];
    for (const h of aliases) if (!HOST.test(h)) throw DomainError.invalid('websites', h);
    // No vhosts at all: the panel's default aliases (www. for a second-level domain).
    out.set(primary, w.vhosts === undefined && !out.has(primary) ? undefined : [...new Set([...(out.get(primary) ?? []), ...aliases])]);
  }
  return out;
}

function hostOf(s: string): string {
  const t = s.trim().toLowerCase();
  try {
    return /^[a-z]+:\/\//.test(t) ? new URL(t).hostname : (t.split('/')[0] ?? '');
  } catch {
    return t;
  }
}

/**
 * A package limit refusing what the call asked for (a package the account's usage exceeds, more
 * websites than the package allows) is that argument's fault (400 invalid_argument_<field>, the
 * limit in the message), not the server's quota failing an install (500 failed_filesystem_quota).
 */
async function asArgument<T>(field: string, value: string, change: Promise<T>): Promise<T> {
  try {
    return await change;
  } catch (e) {
    if (isDomainError(e) && e.code === DomainErrorCode.LimitReached) throw DomainError.invalid(field, value, e.message);
    throw e;
  }
}
