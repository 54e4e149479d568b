import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { DomainError } from '@hostgate/shared/errors';
import { AccountEntity, HostingPackageEntity, WebDomainEntity } from '@hostgate/shared/persistence';
import { PasswordHasher } from '../password-hasher';

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
  readonly webDomains: number;
  readonly webAliases: number;
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
  ) {}

  async create(input: NewAccount): Promise<AccountEntity> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (tx) => {
      const pkg = await tx.getRepository(HostingPackageEntity).findOneBy({ name: input.packageName ?? 'default' });
      if (!pkg) throw DomainError.notFound('package', input.packageName ?? 'default', 'package');
      const repo = tx.getRepository(AccountEntity);
      if (await repo.existsBy({ username: input.username })) throw DomainError.exists('user', input.username, 'user');
      return repo.save(
        repo.create({
          username: input.username,
          passwordHash,
          email: input.email,
          name: input.name ?? '',
          packageId: pkg.id,
          role: input.role ?? 'user',
          shell: pkg.shell,
        }),
      );
    });
  }

  async find(username: string): Promise<AccountEntity | null> {
    return this.accounts.findOneBy({ username });
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
    const [accounts, packages, counts] = await Promise.all([
      this.accounts.find({ order: { id: 'ASC' } }),
      this.packages.find(),
      this.webDomains
        .createQueryBuilder('d')
        .select('d.account_id', 'accountId')
        .addSelect('COUNT(*)', 'domains')
        .groupBy('d.account_id')
        .getRawMany<{ accountId: number; domains: string | number }>(),
    ]);
    const pkgById = new Map(packages.map((p) => [p.id, p]));
    const domainsByAccount = new Map(counts.map((c) => [Number(c.accountId), Number(c.domains)]));
    const aliases = await this.webDomains.find({ select: { accountId: true, aliases: true } });
    const aliasesByAccount = new Map<number, number>();
    for (const d of aliases) {
      const n = d.aliases ? d.aliases.split(',').filter(Boolean).length : 0;
      aliasesByAccount.set(d.accountId, (aliasesByAccount.get(d.accountId) ?? 0) + n);
    }
    return accounts.map((account) => {
      const pkg = pkgById.get(account.packageId);
      if (!pkg) throw new Error(`account ${account.username} references missing package ${account.packageId}`);
      return { account, package: pkg, webDomains: domainsByAccount.get(account.id) ?? 0, webAliases: aliasesByAccount.get(account.id) ?? 0 };
    });
  }

  async websites(accountId: number): Promise<WebDomainEntity[]> {
    return this.webDomains.find({ where: { accountId }, order: { id: 'ASC' } });
  }

  async verifyPassword(username: string, password: string): Promise<AccountEntity | undefined> {
    const account = await this.find(username);
    if (!account || !password) return undefined;
    return (await this.hasher.verify(password, account.passwordHash)) ? account : undefined;
  }

  async setPassword(username: string, password: string): Promise<void> {
    const account = await this.get(username);
    account.passwordHash = await this.hasher.hash(password);
    await this.accounts.save(account);
  }

  /** The panel's ROOT_USER: the oldest admin account. */
  async rootUser(): Promise<AccountEntity | null> {
    return this.accounts.findOne({ where: { role: 'admin' }, order: { id: 'ASC' } });
  }
}
