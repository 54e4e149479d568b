import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { AccountEntity, compiledFind, compiledFindOne, compiledFindOneOrFail, CredentialEntity, DnsDomainEntity, HostedDatabaseEntity, HostingPackageEntity, InstallBackupEntity, MailDomainEntity, WebDomainEntity } from '@hostgate/shared/persistence';
import { lockAccount, suspendedError, usageByAccount, usageOf } from '../hosting/hosting-rules';
import { type AccountUsage, NO_USAGE, uncoveredUsage } from '../hosting/package-limits';
import { PasswordHasher } from '../password-hasher';
import { holdRow, insertUnique } from '../references';
import { AccountFilesService } from './account-files';

/** Login shells an account may be given (the server's /etc/shells plus nologin). */
export const ACCOUNT_SHELLS: readonly string[] = ['sh', 'bash', 'rbash', 'dash', 'zsh', 'tcsh', 'csh', 'fish', 'nologin'];

export interface NewAccount {
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly packageName?: string;
  readonly name?: string;
  readonly role?: 'admin' | 'user';
}

export interface AccountWithUsage {
  readonly account: AccountEntity;
  readonly package: HostingPackageEntity;
  readonly usage: AccountUsage;
}

/** An account whose rows are gone: its home and its installer backup archives are still on disk. */
export interface RemovedAccount {
  readonly username: string;
  readonly archives: readonly string[];
}

/** Hosting accounts: one identity for the panel's users, the installer's users and billing services. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    @InjectRepository(HostingPackageEntity) private readonly packages: Repository<HostingPackageEntity>,
    @InjectRepository(WebDomainEntity) private readonly webDomains: Repository<WebDomainEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly files: AccountFilesService,
  ) {}

  async create(input: NewAccount): Promise<AccountEntity> {
    const passwordHash = await this.hashPassword(input.password);
    return this.dataSource.transaction((tx) => this.createIn(tx, input, passwordHash));
  }

  /** Hashes an account password the way `create` stores it, for `createIn` callers (slow: before the transaction). */
  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  /** `create` inside the caller's transaction, with the password hashed beforehand (`hashPassword`). */
  async createIn(tx: EntityManager, input: Omit<NewAccount, 'password'>, passwordHash: string): Promise<AccountEntity> {
    const packageName = input.packageName ?? 'default';
    const repo = tx.getRepository(AccountEntity);
    // The name is checked before the package, so a taken name reports "exists" whatever the package.
    if (await repo.existsBy({ username: input.username })) {
      throw new DomainError(DomainErrorCode.AlreadyExists, `user ${input.username} exists`, { entity: 'user', value: input.username, field: 'user' });
    }
    const pkg = await holdRow(tx, HostingPackageEntity, { name: packageName }, 'share');
    if (!pkg) throw DomainError.notFound('package', packageName, 'package');
    const taken = (): DomainError => new DomainError(DomainErrorCode.AlreadyExists, `user ${input.username} exists`, { entity: 'user', value: input.username, field: 'user' });
    return insertUnique(
      () =>
        repo.save(
          repo.create({
            username: input.username,
            passwordHash,
            email: input.email,
            name: input.name ?? '',
            packageId: pkg.id,
            role: input.role ?? 'user',
            shell: pkg.shell,
          }),
        ),
      taken,
    );
  }

  async find(username: string): Promise<AccountEntity | null> {
    return compiledFindOne(this.accounts, { username });
  }

  async get(username: string): Promise<AccountEntity> {
    const account = await this.find(username);
    if (!account) throw DomainError.notFound('user', username, 'user');
    return account;
  }

  async list(options: { offset?: number; limit?: number } = {}): Promise<{ items: AccountEntity[]; total: number }> {
    const [items, total] = await this.accounts.findAndCount({ order: { id: 'ASC' }, skip: options.offset, take: options.limit });
    return { items, total };
  }

  /** Accounts with their package and current usage, in creation order, for the panel's listings. */
  async listWithUsage(): Promise<AccountWithUsage[]> {
    const [accounts, packages] = await Promise.all([compiledFind(this.accounts, {}, { order: { id: 'ASC' } }), compiledFind(this.packages, {})]);
    const usage = await usageByAccount(this.dataSource.manager);
    const pkgById = new Map(packages.map((p) => [p.id, p]));
    return accounts.map((account) => {
      const pkg = pkgById.get(account.packageId);
      if (!pkg) throw new Error(`account ${account.username} references missing package ${account.packageId}`);
      return { account, package: pkg, usage: usage.get(account.id) ?? NO_USAGE };
    });
  }

  async getWithUsage(username: string): Promise<AccountWithUsage> {
    const account = await this.get(username);
    const pkg = await compiledFindOneOrFail(this.packages, { id: account.packageId });
    return { account, package: pkg, usage: await usageOf(this.dataSource.manager, account.id) };
  }

  /**
   * Removes the account and everything it owns (its domains by cascade, its panel keys revoked).
   * The ROOT_USER is never removed: Hestia exits 0 without doing anything for it.
   */
  async delete(username: string): Promise<void> {
    const removed = await this.dataSource.transaction((tx) => this.deleteIn(tx, username));
    // Files only once the rows are gone for good: a delete that failed leaves everything in place.
    await this.removeFiles(removed);
  }

  /**
   * The rows of `delete`, inside the caller's transaction; what it answers goes to `removeFiles`
   * once that transaction has committed (undefined for the ROOT_USER, which stays).
   */
  async deleteIn(tx: EntityManager, username: string): Promise<RemovedAccount | undefined> {
    const account = await lockAccount(tx, username);
    if (await this.isRoot(tx, account)) return undefined;
    // Installer backups are rows of the account (they go by cascade) and archives on disk.
    const archives = (await tx.getRepository(InstallBackupEntity).find({ select: { archive: true }, where: { accountId: account.id } })).map((b) => b.archive);
    await tx.getRepository(WebDomainEntity).delete({ accountId: account.id });
    await tx.getRepository(CredentialEntity).update({ owner: account.username, revokedAt: IsNull() }, { revokedAt: new Date() });
    await tx.getRepository(AccountEntity).delete({ id: account.id });
    return { username: account.username, archives };
  }

  /** The files of an account whose rows `deleteIn` removed, after its transaction committed. */
  async removeFiles(removed: RemovedAccount | undefined): Promise<void> {
    if (removed) await this.files.remove(removed.username, removed.archives);
  }

  /** Suspends the account and everything it serves; suspending twice is refused, the ROOT_USER is left alone. */
  async suspend(username: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.suspendIn(tx, username));
  }

  /** `suspend` inside the caller's transaction. */
  async suspendIn(tx: EntityManager, username: string): Promise<void> {
    const account = await lockAccount(tx, username);
    if (await this.isRoot(tx, account)) return;
    if (account.suspended) throw suspendedError('user', account.username);
    await setAccountSuspended(tx, account.id, true);
  }

  /** Hestia has no "already unsuspended" check here: unsuspending an active account succeeds. */
  async unsuspend(username: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.unsuspendIn(tx, username));
  }

  /** `unsuspend` inside the caller's transaction. */
  async unsuspendIn(tx: EntityManager, username: string): Promise<void> {
    const account = await lockAccount(tx, username);
    if (await this.isRoot(tx, account)) return;
    await setAccountSuspended(tx, account.id, false);
  }

  /** A user's own password change: refused while the account is suspended. */
  async changePassword(username: string, password: string): Promise<void> {
    const account = await this.activeAccount(username);
    await this.accounts.update({ id: account.id }, { passwordHash: await this.hasher.hash(password) });
  }

  /** Moves the account to another package; unless forced, what it already uses must fit the new limits. */
  async changePackage(username: string, packageName: string, force: boolean): Promise<void> {
    await this.dataSource.transaction((tx) => this.changePackageIn(tx, username, packageName, force));
  }

  /** `changePackage` inside the caller's transaction. */
  async changePackageIn(tx: EntityManager, username: string, packageName: string, force: boolean): Promise<void> {
    const pkg = await holdRow(tx, HostingPackageEntity, { name: packageName }, 'share');
    if (!pkg) throw DomainError.notFound('package', packageName, 'package');
    const account = await lockAccount(tx, username);
    if (!force) {
      const uncovered = uncoveredUsage(pkg, await usageOf(tx, account.id));
      if (uncovered) throw new DomainError(DomainErrorCode.LimitReached, `Package doesn't cover ${uncovered} usage`, { entity: 'package', value: packageName, reason: uncovered });
    }
    await tx.getRepository(AccountEntity).update({ id: account.id }, { packageId: pkg.id });
  }

  async changeShell(username: string, shell: string): Promise<void> {
    if (!ACCOUNT_SHELLS.includes(shell)) throw DomainError.invalid('shell', shell);
    const account = await this.activeAccount(username);
    await this.accounts.update({ id: account.id }, { shell });
  }

  async changeContact(username: string, email: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.changeContactIn(tx, username, email));
  }

  /** `changeContact` inside the caller's transaction: refused while the account is suspended. */
  async changeContactIn(tx: EntityManager, username: string, email: string): Promise<void> {
    const account = await lockAccount(tx, username);
    if (account.suspended) throw suspendedError('user', account.username);
    await tx.getRepository(AccountEntity).update({ id: account.id }, { email });
  }

  async websites(accountId: number): Promise<WebDomainEntity[]> {
    return compiledFind(this.webDomains, { accountId }, { order: { id: 'ASC' } });
  }

  async verifyPassword(username: string, password: string): Promise<AccountEntity | undefined> {
    const account = await this.find(username);
    return account && (await this.passwordMatches(account, password)) ? account : undefined;
  }

  /** The password check of `verifyPassword` for an account already read (the ROOT_USER on every panel call). */
  async passwordMatches(account: AccountEntity, password: string): Promise<boolean> {
    return password !== '' && (await this.hasher.verify(password, account.passwordHash));
  }

  /** An operator's password reset: only the hash is written (a whole-row save would write back columns changed meanwhile). */
  async setPassword(username: string, password: string): Promise<void> {
    const account = await this.get(username);
    const passwordHash = await this.hasher.hash(password);
    const { affected } = await this.accounts.update({ id: account.id }, { passwordHash });
    if (affected === 0) throw DomainError.notFound('user', username, 'user');
  }

  private async activeAccount(username: string): Promise<AccountEntity> {
    const account = await this.get(username);
    if (account.suspended) throw suspendedError('user', account.username);
    return account;
  }

  private async isRoot(tx: EntityManager, account: AccountEntity): Promise<boolean> {
    const root = await tx.getRepository(AccountEntity).findOne({ where: { role: 'admin' }, order: { id: 'ASC' } });
    return root?.id === account.id;
  }

  /** The panel's ROOT_USER: the oldest admin account. */
  async rootUser(): Promise<AccountEntity | null> {
    return compiledFindOne(this.accounts, { role: 'admin' }, { order: { id: 'ASC' } });
  }
}


/** Hestia's v-(un)suspend-user walks every web, DNS, mail and database object of the user. */
async function setAccountSuspended(tx: EntityManager, accountId: number, suspended: boolean): Promise<void> {
  await tx.getRepository(AccountEntity).update({ id: accountId }, { suspended });
  for (const entity of [WebDomainEntity, DnsDomainEntity, MailDomainEntity, HostedDatabaseEntity]) {
    await tx.getRepository(entity).update({ accountId }, { suspended });
  }
}
