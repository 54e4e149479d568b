import { type EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { AccountEntity, DnsDomainEntity, DnsRecordEntity, HostedDatabaseEntity, HostingPackageEntity, MailAccountEntity, MailDomainEntity, WebDomainEntity } from '@hostgate/shared/persistence';
import { type AccountUsage, limitValue, NO_USAGE } from './package-limits';

/**
 * The account row, read inside the caller's transaction. On PostgreSQL it is locked, so two writers
 * to one account (two v-add-web-domain at once) take turns and cannot both pass a limit check.
 * SQLite has a single writer, which serialises them anyway.
 */
export async function lockAccount(tx: EntityManager, username: string): Promise<AccountEntity> {
  const qb = tx.getRepository(AccountEntity).createQueryBuilder('a').where('a.username = :username', { username });
  // Plain reads (listings) come without a transaction, where PostgreSQL cannot hold a row lock.
  if (tx.connection.options.type === 'postgres' && tx.queryRunner?.isTransactionActive) qb.setLock('pessimistic_write');
  const account = await qb.getOne();
  if (!account) throw DomainError.notFound('user', username, 'user');
  return account;
}

export function suspendedError(what: string, value: string): DomainError {
  return new DomainError(DomainErrorCode.Suspended, `${what} ${value} is suspended`, { entity: what, value });
}

/** The account, which must not be suspended: a suspended user may not add or change anything. */
export async function lockActiveAccount(tx: EntityManager, username: string): Promise<AccountEntity> {
  const account = await lockAccount(tx, username);
  if (account.suspended) throw suspendedError('user', account.username);
  return account;
}

/** Usage counted from the rows themselves, so the U_* counters can never drift from reality. */
export async function usageByAccount(tx: EntityManager, accountId?: number): Promise<Map<number, AccountUsage>> {
  const only = accountId === undefined ? {} : { accountId };
  const [web, dnsDomains, dnsRecords, mailDomains, mailAccounts, databases, suspendedDns, suspendedMail, suspendedDb, mailDkim] = await Promise.all([
    tx.getRepository(WebDomainEntity).find({ select: { accountId: true, aliases: true, suspended: true, ssl: true }, where: only }),
    countBy(tx, DnsDomainEntity, accountId),
    countJoined(tx, DnsRecordEntity, 'dns_domains', 'dns_domain_id', accountId),
    countBy(tx, MailDomainEntity, accountId),
    countJoined(tx, MailAccountEntity, 'mail_domains', 'mail_domain_id', accountId),
    countBy(tx, HostedDatabaseEntity, accountId),
    countBy(tx, DnsDomainEntity, accountId, 'suspended'),
    countBy(tx, MailDomainEntity, accountId, 'suspended'),
    countBy(tx, HostedDatabaseEntity, accountId, 'suspended'),
    countBy(tx, MailDomainEntity, accountId, 'dkim'),
  ]);
  const usage = new Map<number, { -readonly [K in keyof AccountUsage]: number }>();
  const of = (id: number) => {
    let u = usage.get(id);
    if (!u) usage.set(id, (u = { ...NO_USAGE }));
    return u;
  };
  for (const d of web) {
    const u = of(d.accountId);
    u.webDomains += 1;
    u.webAliases += splitList(d.aliases).length;
    if (d.suspended) u.suspendedWeb += 1;
    if (d.ssl) u.webSsl += 1;
  }
  for (const [id, n] of dnsDomains) of(id).dnsDomains = n;
  for (const [id, n] of dnsRecords) of(id).dnsRecords = n;
  for (const [id, n] of mailDomains) of(id).mailDomains = n;
  for (const [id, n] of mailAccounts) of(id).mailAccounts = n;
  for (const [id, n] of databases) of(id).databases = n;
  for (const [id, n] of suspendedDns) of(id).suspendedDns = n;
  for (const [id, n] of suspendedMail) of(id).suspendedMail = n;
  for (const [id, n] of suspendedDb) of(id).suspendedDb = n;
  for (const [id, n] of mailDkim) of(id).mailDkim = n;
  return usage;
}

export async function usageOf(tx: EntityManager, accountId: number): Promise<AccountUsage> {
  return (await usageByAccount(tx, accountId)).get(accountId) ?? NO_USAGE;
}

/** Rows per account, optionally only those with a true boolean `flag` column. */
async function countBy(tx: EntityManager, entity: new () => object, accountId?: number, flag?: 'suspended' | 'dkim'): Promise<Map<number, number>> {
  const qb = tx.getRepository(entity).createQueryBuilder('x').select('x.account_id', 'id').addSelect('COUNT(*)', 'n').groupBy('x.account_id').where('1 = 1');
  if (accountId !== undefined) qb.andWhere('x.account_id = :accountId', { accountId });
  if (flag) qb.andWhere(`x.${flag} = :yes`, { yes: true });
  const rows = await qb.getRawMany<{ id: number | string; n: number | string }>();
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

/** Rows of a child table (records, mailboxes) counted per owning account through their parent. */
async function countJoined(tx: EntityManager, entity: new () => object, parent: string, fk: string, accountId?: number): Promise<Map<number, number>> {
  const qb = tx.getRepository(entity).createQueryBuilder('c').innerJoin(parent, 'p', `p.id = c.${fk}`).select('p.account_id', 'id').addSelect('COUNT(*)', 'n').groupBy('p.account_id');
  if (accountId !== undefined) qb.where('p.account_id = :accountId', { accountId });
  const rows = await qb.getRawMany<{ id: number | string; n: number | string }>();
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

export type LimitName = 'WEB_DOMAINS' | 'WEB_ALIASES' | 'DNS_DOMAINS' | 'DNS_RECORDS' | 'MAIL_DOMAINS' | 'MAIL_ACCOUNTS' | 'DATABASES';

const LIMIT_FIELDS: Record<LimitName, keyof AccountUsage & keyof HostingPackageEntity> = {
  WEB_DOMAINS: 'webDomains',
  WEB_ALIASES: 'webAliases',
  DNS_DOMAINS: 'dnsDomains',
  DNS_RECORDS: 'dnsRecords',
  MAIL_DOMAINS: 'mailDomains',
  MAIL_ACCOUNTS: 'mailAccounts',
  DATABASES: 'databases',
};

export function limitError(limit: LimitName): DomainError {
  return new DomainError(DomainErrorCode.LimitReached, `${limit} limit is reached :: upgrade user package`, { reason: limit });
}

/**
 * Refuses when `adding` more objects would exceed the account's package limit. Call it inside the
 * transaction that inserts them, after lockAccount, so the count cannot change in between.
 */
export async function assertRoom(tx: EntityManager, account: AccountEntity, limit: LimitName, adding = 1): Promise<void> {
  if (adding <= 0) return;
  const pkg = await tx.getRepository(HostingPackageEntity).findOneByOrFail({ id: account.packageId });
  const field = LIMIT_FIELDS[limit];
  const max = limitValue(pkg[field]);
  if (max === Number.POSITIVE_INFINITY) return;
  const used = (await usageOf(tx, account.id))[field];
  if (used + adding > max) throw limitError(limit);
}

/** Whether the package has room for one more, without throwing (v-add-domain skips full parts). */
export async function hasRoom(tx: EntityManager, account: AccountEntity, limit: LimitName): Promise<boolean> {
  try {
    await assertRoom(tx, account, limit);
    return true;
  } catch (e) {
    if (e instanceof DomainError && e.code === DomainErrorCode.LimitReached) return false;
    throw e;
  }
}

export function splitList(list: string): string[] {
  return list.split(',').filter((s) => s !== '');
}

/** How the web/DNS/mail scripts normalise a domain before anything else: lower case, no leading www., no edge dots. */
export function normaliseDomain(domain: string): string {
  return domain
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/^\.+|\.+$/g, '');
}

/**
 * A unique index refused the row: two requests passed the existence check at once (on PostgreSQL
 * the account lock serialises one account's writes, not two accounts racing for one name).
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driverError: unknown = e.driverError;
  const code = typeof driverError === 'object' && driverError !== null && 'code' in driverError ? String(driverError.code) : '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}

/** Runs an insert, turning a lost uniqueness race into the same "exists" answer the check gives. */
export async function insertUnique<T>(insert: () => Promise<T>, exists: () => DomainError): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    if (isUniqueViolation(e)) throw exists();
    throw e;
  }
}
