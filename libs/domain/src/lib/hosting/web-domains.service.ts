import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { type AccountEntity, compiledFind, compiledFindOne, compiledInsert, holdName, InstallEntity, WebDomainEntity, WebDomainNameEntity } from '@hostgate/shared/persistence';
import { AccountFilesService } from '../accounts/account-files';
import { insertUnique } from '../references';
import { assertRoom, lockAccount, lockActiveAccount, normaliseDomain, splitList, suspendedError } from './hosting-rules';

export interface NewWebDomain {
  readonly domain: string;
  readonly ip?: string;
  /** Explicit aliases; absent means Hestia's default (`www.DOMAIN` for a second-level domain), `[]` means none. */
  readonly aliases?: readonly string[];
}

/** Web domains: unique across all accounts, including each other's aliases, within the package limits. */
@Injectable()
export class WebDomainsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: AccountFilesService,
  ) {}

  async add(username: string, input: NewWebDomain): Promise<WebDomainEntity> {
    return this.dataSource.transaction(async (tx) => {
      const account = await lockActiveAccount(tx, username);
      return this.addIn(tx, account, input);
    });
  }

  /** The add itself, for callers (v-add-domain) that already hold the account inside their own transaction. */
  async addIn(tx: EntityManager, account: AccountEntity, input: NewWebDomain): Promise<WebDomainEntity> {
    const domain = normaliseDomain(input.domain);
    const aliases = (input.aliases ?? defaultAliases(domain)).map((a) => a.toLowerCase()).filter((a) => a !== domain);
    await claimNames(tx, [domain, ...aliases]);
    await this.assertFree(tx, [domain], aliases);
    await assertRoom(tx, account, 'WEB_DOMAINS');
    await assertRoom(tx, account, 'WEB_ALIASES', aliases.length);
    const repo = tx.getRepository(WebDomainEntity);
    const exists = () => new DomainError(DomainErrorCode.AlreadyExists, `Web domain ${domain} exists`, { entity: 'web domain', value: domain });
    const row = await insertUnique(() => repo.save(repo.create({ accountId: account.id, domain, aliases: aliases.join(','), ip: input.ip ?? '', suspended: false })), exists);
    await insertUnique(() => this.insertNames(tx, row.id, [domain], 'domain'), exists);
    await this.insertAliasNames(tx, row.id, aliases);
    return row;
  }

  /**
   * New aliases for a web domain the account holds (callers inside their own transaction, holding the
   * account): each must be free as in addIn, and the package must have room for them. Aliases the
   * domain already has are kept; answers the aliases it has afterwards.
   */
  async addAliasesIn(tx: EntityManager, account: AccountEntity, row: WebDomainEntity, wanted: readonly string[]): Promise<string[]> {
    const own = splitList(row.aliases);
    const added = [...new Set(wanted.map((a) => a.toLowerCase()))].filter((a) => a !== row.domain && !own.includes(a));
    if (added.length === 0) return own;
    await claimNames(tx, added);
    await this.assertFree(tx, [], added);
    await assertRoom(tx, account, 'WEB_ALIASES', added.length);
    const merged = [...own, ...added];
    await tx.getRepository(WebDomainEntity).update({ id: row.id }, { aliases: merged.join(',') });
    await this.insertAliasNames(tx, row.id, added);
    return merged;
  }

  async list(username: string): Promise<WebDomainEntity[]> {
    const account = await lockAccount(this.dataSource.manager, username);
    return compiledFind(this.dataSource.getRepository(WebDomainEntity), { accountId: account.id }, { order: { id: 'ASC' } });
  }

  async get(username: string, domain: string): Promise<WebDomainEntity> {
    const account = await lockAccount(this.dataSource.manager, username);
    return this.owned(this.dataSource.manager, account, domain);
  }

  /**
   * The row (its names go by cascade) and the records of the applications installed on it, whose
   * files live in its directory; then, once that has committed, the directory with everything in
   * it, as Hestia does. The installs' databases stay, as Hestia keeps databases with a domain's removal.
   */
  async delete(username: string, domain: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (tx) => {
      const account = await lockAccount(tx, username);
      const row = await this.owned(tx, account, domain);
      await tx.getRepository(InstallEntity).delete({ accountId: account.id, domain: row.domain });
      await tx.getRepository(WebDomainEntity).delete({ id: row.id });
      return { username: account.username, domain: row.domain };
    });
    await this.files.removeWebDomain(removed.username, removed.domain);
  }

  /**
   * v-add-letsencrypt-domain without a real ACME exchange: the request is recorded and the domain
   * carries the state Hestia leaves after a successful one (SSL and LETSENCRYPT on). The aliases
   * must be the domain's own, except Let's Encrypt's `*.DOMAIN` wildcard.
   */
  async requestLetsEncrypt(username: string, domain: string, aliases: readonly string[]): Promise<WebDomainEntity> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockActiveAccount(tx, username), domain);
      if (row.suspended) throw suspendedError('web domain', row.domain);
      const own = splitList(row.aliases);
      const wildcard = aliases.length === 1 && aliases[0] === `*.${row.domain}`;
      if (!wildcard) {
        for (const alias of aliases) {
          if (!own.includes(alias)) throw new DomainError(DomainErrorCode.NotFound, `domain alias ${alias} doesn't exist`, { entity: 'web alias', value: alias, field: 'aliases' });
        }
      }
      await tx.getRepository(WebDomainEntity).update({ id: row.id }, { ssl: true, letsencrypt: true, letsencryptAliases: [...new Set(aliases)].join(','), letsencryptRequestedAt: new Date() });
      return tx.getRepository(WebDomainEntity).findOneByOrFail({ id: row.id });
    });
  }

  async suspend(username: string, domain: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockAccount(tx, username), domain);
      if (row.suspended) throw suspendedError('web domain', row.domain);
      await tx.getRepository(WebDomainEntity).update({ id: row.id }, { suspended: true });
    });
  }

  async unsuspend(username: string, domain: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockAccount(tx, username), domain);
      if (!row.suspended) throw new DomainError(DomainErrorCode.NotSuspended, `web domain ${row.domain} is not suspended`, { entity: 'web domain', value: row.domain });
      await tx.getRepository(WebDomainEntity).update({ id: row.id }, { suspended: false });
    });
  }

  private async owned(tx: EntityManager, account: AccountEntity, domain: string): Promise<WebDomainEntity> {
    const row = await compiledFindOne(tx.getRepository(WebDomainEntity), { accountId: account.id, domain: normaliseDomain(domain) });
    if (!row) throw DomainError.notFound('web domain', domain, 'domain');
    return row;
  }

  /** No name may be anyone's web domain or web alias already, whoever owns it: the first one taken is named (one query for all). */
  private async assertFree(tx: EntityManager, domains: readonly string[], aliases: readonly string[]): Promise<void> {
    const claims = [...domains.map((name) => ({ name, label: 'Web domain' })), ...aliases.map((name) => ({ name, label: 'Web alias' }))];
    if (claims.length === 0) return;
    const taken = new Map((await compiledFind(tx.getRepository(WebDomainNameEntity), { name: [...new Set(claims.map((c) => c.name))] })).map((n) => [n.name, n.kind]));
    for (const { name, label } of claims) {
      const holder = taken.get(name);
      if (holder) throw new DomainError(DomainErrorCode.AlreadyExists, `${label} ${name} exists`, { entity: holder === 'domain' ? 'web domain' : 'web alias', value: name });
    }
  }

  /** New aliases' names; one taken meanwhile by another account (a race the check above lost) is refused as taken. */
  private async insertAliasNames(tx: EntityManager, webDomainId: number, aliases: readonly string[]): Promise<void> {
    if (aliases.length === 0) return;
    await insertUnique(
      () => this.insertNames(tx, webDomainId, aliases, 'alias'),
      () => new DomainError(DomainErrorCode.AlreadyExists, `Web alias ${aliases.join(',')} exists`, { entity: 'web alias', value: aliases.join(',') }),
    );
  }

  private async insertNames(tx: EntityManager, webDomainId: number, names: readonly string[], kind: 'domain' | 'alias'): Promise<void> {
    const repo = tx.getRepository(WebDomainNameEntity);
    for (const name of new Set(names)) await compiledInsert(repo, { name, webDomainId, kind });
  }
}

/** Advisory-lock namespace of web names (any constant no other lock of this schema uses). */
const WEB_NAME_LOCK = 0x57656231;

/**
 * Takes each name for the rest of the transaction before it is checked, so that two accounts
 * claiming one name at once (each holding only its own account row) take turns: the second checks
 * after the first has committed, and finds the name taken. PostgreSQL only: SQLite runs one
 * transaction at a time. Names are locked in sorted order, so claims of overlapping sets cannot
 * deadlock; names whose hashes collide only wait for each other.
 */
async function claimNames(tx: EntityManager, names: readonly string[]): Promise<void> {
  for (const name of [...new Set(names)].sort()) await holdName(tx, WEB_NAME_LOCK, name);
}

/** Hestia adds `www.DOMAIN` for a second-level domain only; a sub-domain gets no alias. */
export function defaultAliases(domain: string): string[] {
  return domain.split('.').length === 2 ? [`www.${domain}`] : [];
}
