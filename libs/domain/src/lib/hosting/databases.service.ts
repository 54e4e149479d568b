import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { type AccountEntity, compiledFind, compiledFindOne, holdName, HostedDatabaseEntity } from '@hostgate/shared/persistence';
import { PasswordHasher } from '../password-hasher';
import { insertUnique } from '../references';
import { assertRoom, lockAccount, lockActiveAccount, suspendedError } from './hosting-rules';

/** Database servers the gateway provisions for (Hestia's DB_SYSTEM). */
export const DATABASE_TYPES: readonly string[] = ['mysql', 'pgsql'];

export interface NewDatabase {
  /** Without the user prefix: the stored name is USER_DATABASE. */
  readonly database: string;
  readonly dbUser: string;
  readonly password: string;
  readonly type?: string;
  readonly host?: string;
  readonly charset?: string;
}

/** A database name as stored: the owner's prefix, lower-cased for PostgreSQL (which folds names). */
export function prefixedName(username: string, name: string, type: string): string {
  const full = `${username}_${name}`;
  return type === 'pgsql' ? full.toLowerCase() : full;
}

/** Advisory-lock namespace of database user names (any constant no other lock of this schema uses). */
const DB_USER_LOCK = 0x44627573;

/** Databases: stored under USER_NAME, unique on the server, within the package's DATABASES limit. */
@Injectable()
export class DatabasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async add(username: string, input: NewDatabase): Promise<HostedDatabaseEntity> {
    const type = input.type ?? 'mysql';
    if (!DATABASE_TYPES.includes(type)) throw new DomainError(DomainErrorCode.InvalidField, `${type} type is invalid`, { field: 'type', value: type });
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (tx) => this.addIn(tx, await lockActiveAccount(tx, username), input, passwordHash));
  }

  /**
   * The add itself, for callers (the installer's install) that hold the account inside their own
   * transaction; the password is hashed beforehand so the transaction stays short.
   */
  async addIn(tx: EntityManager, account: AccountEntity, input: NewDatabase, passwordHash: string): Promise<HostedDatabaseEntity> {
    const type = input.type ?? 'mysql';
    if (!DATABASE_TYPES.includes(type)) throw new DomainError(DomainErrorCode.InvalidField, `${type} type is invalid`, { field: 'type', value: type });
    const name = prefixedName(account.username, input.database, type);
    const dbUser = prefixedName(account.username, input.dbUser, type);
    const repo = tx.getRepository(HostedDatabaseEntity);
    if (await repo.existsBy({ name })) throw new DomainError(DomainErrorCode.AlreadyExists, `DB=${name} already exists`, { entity: 'db', value: name });
    if (!(await this.claimDbUser(tx, dbUser))) throw new DomainError(DomainErrorCode.AlreadyExists, `DBUSER=${dbUser} already exists`, { entity: 'db user', value: dbUser });
    await assertRoom(tx, account, 'DATABASES');
    return insertUnique(
      () => repo.save(repo.create({ accountId: account.id, name, dbUser, passwordHash, type, host: input.host ?? 'localhost', charset: input.charset ?? 'UTF8MB4' })),
      () => new DomainError(DomainErrorCode.AlreadyExists, `DB=${name} already exists`, { entity: 'db', value: name }),
    );
  }

  /**
   * Whether no database has this user name, which is then held for the rest of the transaction: a
   * database user is unique on the server, and two accounts can reach one (`shop` + `a_b`,
   * `shop_a` + `b`) while each holds only its own account, so on PostgreSQL the name itself takes
   * turns (SQLite runs one transaction at a time).
   */
  private async claimDbUser(tx: EntityManager, dbUser: string): Promise<boolean> {
    await holdName(tx, DB_USER_LOCK, dbUser);
    return !(await tx.getRepository(HostedDatabaseEntity).existsBy({ dbUser }));
  }

  /** Hashes a database password the way add() stores it, for addIn callers. */
  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  async list(username: string): Promise<HostedDatabaseEntity[]> {
    const account = await lockAccount(this.dataSource.manager, username);
    return compiledFind(this.dataSource.getRepository(HostedDatabaseEntity), { accountId: account.id }, { order: { id: 'ASC' } });
  }

  /** `name` is the full prefixed name, as v-list-databases prints it. */
  async delete(username: string, name: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockAccount(tx, username), name);
      await tx.getRepository(HostedDatabaseEntity).delete({ id: row.id });
    });
  }

  /** The delete itself, for callers (the installer's uninstall) inside their own transaction. */
  async deleteIn(tx: EntityManager, account: AccountEntity, name: string): Promise<void> {
    const row = await this.owned(tx, account, name);
    await tx.getRepository(HostedDatabaseEntity).delete({ id: row.id });
  }

  async suspend(username: string, name: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockAccount(tx, username), name);
      if (row.suspended) throw suspendedError('db db', row.name);
      await tx.getRepository(HostedDatabaseEntity).update({ id: row.id }, { suspended: true });
    });
  }

  async unsuspend(username: string, name: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.owned(tx, await lockAccount(tx, username), name);
      if (!row.suspended) throw new DomainError(DomainErrorCode.NotSuspended, `db db ${row.name} is not suspended`, { entity: 'db', value: row.name });
      await tx.getRepository(HostedDatabaseEntity).update({ id: row.id }, { suspended: false });
    });
  }

  private async owned(tx: EntityManager, account: AccountEntity, name: string): Promise<HostedDatabaseEntity> {
    const row = await compiledFindOne(tx.getRepository(HostedDatabaseEntity), { accountId: account.id, name });
    if (!row) throw DomainError.notFound('db db', name, 'database');
    return row;
  }
}
