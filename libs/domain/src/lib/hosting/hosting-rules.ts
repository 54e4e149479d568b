import { type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { AccountEntity, compiledFindOneOrFail, compiledQuery, HostingPackageEntity } from '@hostgate/shared/persistence';
import { holdRow } from '../references';
import { type AccountUsage, limitValue, NO_USAGE } from './package-limits';

/**
 * The account row, read inside the caller's transaction. On PostgreSQL it is locked, so two writers
 * to one account (two v-add-web-domain at once) take turns and cannot both pass a limit check.
 * SQLite has a single writer, which serialises them anyway.
 */
export async function lockAccount(tx: EntityManager, username: string): Promise<AccountEntity> {
  const account = await holdRow(tx, AccountEntity, { username }, 'update');
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

/** Aliases in a comma-separated list column, counted in SQL (the stored lists have no empty entries). */
const ALIAS_COUNT = "CASE WHEN w.aliases = '' THEN 0 ELSE LENGTH(w.aliases) - LENGTH(REPLACE(w.aliases, ',', '')) + 1 END";

/** Each usage figure of one account as a scalar subquery, so a limit check or a listing costs one round trip. */
const USAGE_SUBQUERIES: Readonly<Record<keyof AccountUsage, string>> = {
  webDomains: 'SELECT COUNT(*) FROM web_domains w WHERE w.account_id = :accountId',
  webAliases: `SELECT COALESCE(SUM(${ALIAS_COUNT}), 0) FROM web_domains w WHERE w.account_id = :accountId`,
  dnsDomains: 'SELECT COUNT(*) FROM dns_domains z WHERE z.account_id = :accountId',
  dnsRecords: 'SELECT COUNT(*) FROM dns_records r INNER JOIN dns_domains z ON z.id = r.dns_domain_id WHERE z.account_id = :accountId',
  mailDomains: 'SELECT COUNT(*) FROM mail_domains m WHERE m.account_id = :accountId',
  mailAccounts: 'SELECT COUNT(*) FROM mail_accounts b INNER JOIN mail_domains m ON m.id = b.mail_domain_id WHERE m.account_id = :accountId',
  databases: 'SELECT COUNT(*) FROM hosted_databases d WHERE d.account_id = :accountId',
  cronJobs: 'SELECT 0',
  suspendedWeb: 'SELECT COUNT(*) FROM web_domains w WHERE w.account_id = :accountId AND w.suspended = :yes',
  suspendedDns: 'SELECT COUNT(*) FROM dns_domains z WHERE z.account_id = :accountId AND z.suspended = :yes',
  suspendedMail: 'SELECT COUNT(*) FROM mail_domains m WHERE m.account_id = :accountId AND m.suspended = :yes',
  suspendedDb: 'SELECT COUNT(*) FROM hosted_databases d WHERE d.account_id = :accountId AND d.suspended = :yes',
  mailDkim: 'SELECT COUNT(*) FROM mail_domains m WHERE m.account_id = :accountId AND m.dkim = :yes',
  webSsl: 'SELECT COUNT(*) FROM web_domains w WHERE w.account_id = :accountId AND w.ssl = :yes',
};

/**
 * Usage counted from the rows themselves, so the U_* counters can never drift from reality: every
 * account's figures (or one account's) in one statement, each a subquery on an indexed account_id.
 */
const USAGE_SQL = `SELECT a.id AS "id", ${Object.entries(USAGE_SUBQUERIES)
  .map(([key, sql]) => `(${sql.replace(/:accountId/g, 'a.id')}) AS "${key}"`)
  .join(', ')} FROM accounts a`;
const ONE_USAGE_SQL = `${USAGE_SQL} WHERE a.id = :accountId`;

/** Every account's usage by account id (or only `accountId`'s). */
export async function usageByAccount(tx: EntityManager, accountId?: number): Promise<Map<number, AccountUsage>> {
  type Row = Record<string, number | string | null>;
  const rows = accountId === undefined ? await compiledQuery<Row>(tx, USAGE_SQL, { yes: true }) : await compiledQuery<Row>(tx, ONE_USAGE_SQL, { accountId, yes: true });
  const keys = Object.keys(USAGE_SUBQUERIES) as Array<keyof AccountUsage>;
  return new Map(rows.map((row) => [Number(row['id']), Object.fromEntries(keys.map((k) => [k, Number(row[k] ?? 0)])) as unknown as AccountUsage]));
}

export async function usageOf(tx: EntityManager, accountId: number): Promise<AccountUsage> {
  return (await usageByAccount(tx, accountId)).get(accountId) ?? NO_USAGE;
}

/** Server-wide account counts (Hestia keeps them on the ROOT_USER: U_USERS, SUSPENDED_USERS). */
export async function accountTotals(tx: EntityManager): Promise<{ users: number; suspended: number }> {
  const [row] = await compiledQuery<{ users: number | string; suspended: number | string }>(
    tx,
    'SELECT COUNT(*) AS "users", COALESCE(SUM(CASE WHEN a.suspended = :yes THEN 1 ELSE 0 END), 0) AS "suspended" FROM accounts a',
    { yes: true },
  );
  return { users: Number(row?.users ?? 0), suspended: Number(row?.suspended ?? 0) };
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
  const pkg = await compiledFindOneOrFail(tx.getRepository(HostingPackageEntity), { id: account.packageId });
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
