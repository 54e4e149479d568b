import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { type AccountEntity, compiledFind, compiledFindOne, MailAccountEntity, MailDomainEntity } from '@hostgate/shared/persistence';
import { PasswordHasher } from '../password-hasher';
import { insertUnique } from '../references';
import { assertRoom, lockAccount, lockActiveAccount, normaliseDomain, suspendedError } from './hosting-rules';

export interface NewMailDomain {
  readonly domain: string;
  readonly antispam?: boolean;
  readonly antivirus?: boolean;
  readonly dkim?: boolean;
  readonly rejectSpam?: boolean;
}

export interface MailDomainWithAccounts {
  readonly mailDomain: MailDomainEntity;
  readonly accounts: number;
}

/** Mail domains (unique across all accounts) and their mailboxes, within the package limits. */
@Injectable()
export class MailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async addDomain(username: string, input: NewMailDomain): Promise<MailDomainEntity> {
    return this.dataSource.transaction(async (tx) => this.addDomainIn(tx, await lockActiveAccount(tx, username), input));
  }

  async addDomainIn(tx: EntityManager, account: AccountEntity, input: NewMailDomain): Promise<MailDomainEntity> {
    const domain = normaliseDomain(input.domain);
    if (await tx.getRepository(MailDomainEntity).existsBy({ domain })) {
      throw new DomainError(DomainErrorCode.AlreadyExists, `Mail domain ${domain} exists`, { entity: 'mail domain', value: domain });
    }
    await assertRoom(tx, account, 'MAIL_DOMAINS');
    const repo = tx.getRepository(MailDomainEntity);
    return insertUnique(
      () => repo.save(repo.create({ accountId: account.id, domain, antispam: input.antispam ?? true, antivirus: input.antivirus ?? true, dkim: input.dkim ?? true, rejectSpam: input.rejectSpam ?? false })),
      () => new DomainError(DomainErrorCode.AlreadyExists, `Mail domain ${domain} exists`, { entity: 'mail domain', value: domain }),
    );
  }

  async listDomains(username: string): Promise<MailDomainWithAccounts[]> {
    const account = await lockAccount(this.dataSource.manager, username);
    const domains = await compiledFind(this.dataSource.getRepository(MailDomainEntity), { accountId: account.id }, { order: { id: 'ASC' } });
    return Promise.all(domains.map(async (mailDomain) => ({ mailDomain, accounts: await this.dataSource.getRepository(MailAccountEntity).countBy({ mailDomainId: mailDomain.id }) })));
  }

  /** v-add-letsencrypt-domain USER DOMAIN '' yes: the mail domain's certificate (mail. and webmail. hosts), recorded as issued. */
  async requestLetsEncrypt(username: string, domain: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockActiveAccount(tx, username), domain);
      if (row.suspended) throw suspendedError('mail domain', row.domain);
      await tx.getRepository(MailDomainEntity).update({ id: row.id }, { ssl: true, letsencrypt: true, letsencryptRequestedAt: new Date() });
    });
  }

  async deleteDomain(username: string, domain: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockAccount(tx, username), domain);
      await tx.getRepository(MailAccountEntity).delete({ mailDomainId: row.id });
      await tx.getRepository(MailDomainEntity).delete({ id: row.id });
    });
  }

  async addAccount(username: string, domain: string, input: { account: string; password: string; quota?: string }): Promise<MailAccountEntity> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (tx) => {
      const owner = await lockActiveAccount(tx, username);
      const mailDomain = await this.owned(tx, owner, domain);
      if (mailDomain.suspended) throw suspendedError('mail domain', mailDomain.domain);
      const local = input.account.toLowerCase();
      const repo = tx.getRepository(MailAccountEntity);
      if (await repo.existsBy({ mailDomainId: mailDomain.id, account: local })) {
        throw new DomainError(DomainErrorCode.AlreadyExists, `mail account ${local} already exists`, { entity: 'mail account', value: local });
      }
      await assertRoom(tx, owner, 'MAIL_ACCOUNTS');
      return repo.save(repo.create({ mailDomainId: mailDomain.id, account: local, passwordHash, quota: input.quota ?? 'unlimited' }));
    });
  }

  async deleteAccount(username: string, domain: string, account: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const mailDomain = await this.owned(tx, await lockAccount(tx, username), domain);
      const row = await this.mailbox(tx, mailDomain, account);
      await tx.getRepository(MailAccountEntity).delete({ id: row.id });
    });
  }

  async changeAccountPassword(username: string, domain: string, account: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (tx) => {
      const mailDomain = await this.owned(tx, await lockActiveAccount(tx, username), domain);
      const row = await this.mailbox(tx, mailDomain, account);
      await tx.getRepository(MailAccountEntity).update({ id: row.id }, { passwordHash });
    });
  }

  async listAccounts(username: string, domain: string): Promise<MailAccountEntity[]> {
    const mailDomain = await this.owned(this.dataSource.manager, await lockAccount(this.dataSource.manager, username), domain);
    return compiledFind(this.dataSource.getRepository(MailAccountEntity), { mailDomainId: mailDomain.id }, { order: { id: 'ASC' } });
  }

  private async mailbox(tx: EntityManager, mailDomain: MailDomainEntity, account: string): Promise<MailAccountEntity> {
    const row = await compiledFindOne(tx.getRepository(MailAccountEntity), { mailDomainId: mailDomain.id, account: account.toLowerCase() });
    if (!row) throw new DomainError(DomainErrorCode.NotFound, `mail/${mailDomain.domain} account ${account} doesn't exist`, { entity: 'mail account', value: account });
    return row;
  }

  private async owned(tx: EntityManager, account: AccountEntity, domain: string): Promise<MailDomainEntity> {
    const row = await compiledFindOne(tx.getRepository(MailDomainEntity), { accountId: account.id, domain: normaliseDomain(domain) });
    if (!row) throw DomainError.notFound('mail domain', domain, 'domain');
    return row;
  }
}
