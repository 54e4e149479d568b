import { type AccountWithUsage } from '@hostgate/domain';
import { type HostingPackageEntity } from '@hostgate/shared/persistence';
import { columnTable, hestiaJsonList, hestiaJsonObjects } from './list-format';

const pad2 = (n: number): string => String(n).padStart(2, '0');
export const hestiaDate = (d: Date): string => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
export const hestiaTime = (d: Date): string => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;

/** Server-wide counters Hestia keeps on the ROOT_USER and prints for every user. */
export interface UserTotals {
  readonly users: number;
  readonly suspended: number;
}

export type UserRecord = Readonly<Record<string, string>>;

/**
 * Everything a user.conf holds, as Hestia would print it. Quotas and disk/bandwidth usage are not
 * measured by the gateway, so they read as Hestia prints them on a fresh server.
 */
export function userRecord(u: AccountWithUsage, totals: UserTotals): UserRecord {
  const { account: a, package: p, usage } = u;
  const created = new Date(a.createdAt);
  return {
    USER: a.username,
    NAME: a.name,
    PACKAGE: p.name,
    ...packageFields(p),
    HOME: `/home/${a.username}`,
    NS: p.ns,
    SHELL: a.shell,
    BACKUPS: p.backups,
    CONTACT: a.email,
    CRON_REPORTS: 'yes',
    RKEY: '',
    TWOFA: '',
    QRCODE: '',
    ROLE: a.role,
    SUSPENDED: a.suspended ? 'yes' : 'no',
    // U_USERS and SUSPENDED_USERS are read from the ROOT_USER's counters, i.e. server-wide.
    SUSPENDED_USERS: String(totals.suspended),
    SUSPENDED_WEB: String(usage.suspendedWeb),
    SUSPENDED_DNS: String(usage.suspendedDns),
    SUSPENDED_MAIL: String(usage.suspendedMail),
    SUSPENDED_DB: String(usage.suspendedDb),
    SUSPENDED_CRON: '0',
    IP_AVAIL: '0',
    IP_OWNED: '0',
    U_USERS: String(totals.users),
    U_DISK: '0',
    U_DISK_DIRS: '0',
    U_DISK_WEB: '0',
    U_DISK_MAIL: '0',
    U_DISK_DB: '0',
    U_BANDWIDTH: '0',
    U_WEB_DOMAINS: String(usage.webDomains),
    U_WEB_SSL: String(usage.webSsl),
    U_WEB_ALIASES: String(usage.webAliases),
    U_DNS_DOMAINS: String(usage.dnsDomains),
    U_DNS_RECORDS: String(usage.dnsRecords),
    U_MAIL_DOMAINS: String(usage.mailDomains),
    U_MAIL_DKIM: String(usage.mailDkim),
    U_MAIL_ACCOUNTS: String(usage.mailAccounts),
    U_DATABASES: String(usage.databases),
    U_CRON_JOBS: String(usage.cronJobs),
    U_BACKUPS: '0',
    BACKUPS_INCREMENTAL: 'no',
    LANGUAGE: a.language,
    THEME: 'dark',
    NOTIFICATIONS: 'no',
    PREF_UI_SORT: 'name',
    LOGIN_DISABLED: 'no',
    LOGIN_USE_IPLIST: 'no',
    LOGIN_ALLOW_IPS: '',
    PHPCLI: '',
    TIME: hestiaTime(created),
    DATE: hestiaDate(created),
  };
}

const pick = (r: UserRecord, keys: readonly string[]): Array<readonly [string, string]> => keys.map((k) => [k, r[k] ?? ''] as const);

/** v-list-users json keys, in Hestia's order. */
const LIST_USERS_JSON = 'NAME PACKAGE WEB_TEMPLATE BACKEND_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA CPU_QUOTA CPU_QUOTA_PERIOD MEMORY_LIMIT SWAP_LIMIT BANDWIDTH NS SHELL BACKUPS CONTACT CRON_REPORTS RKEY ROLE SUSPENDED SUSPENDED_USERS SUSPENDED_WEB SUSPENDED_DNS SUSPENDED_MAIL SUSPENDED_DB SUSPENDED_CRON IP_AVAIL IP_OWNED U_USERS U_DISK U_DISK_DIRS U_DISK_WEB U_DISK_MAIL U_DISK_DB U_BANDWIDTH U_WEB_DOMAINS U_WEB_SSL U_WEB_ALIASES U_DNS_DOMAINS U_DNS_RECORDS U_MAIL_DOMAINS U_MAIL_DKIM U_MAIL_ACCOUNTS U_DATABASES U_CRON_JOBS U_BACKUPS LANGUAGE TIME DATE'.split(' ');

/** v-list-users plain columns; HOME is never set by v-list-users, so its CSV column stays empty. */
const LIST_USERS_PLAIN = 'USER NAME PACKAGE WEB_TEMPLATE BACKEND_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA BANDWIDTH NS SHELL BACKUPS CONTACT CRON_REPORTS RKEY ROLE SUSPENDED SUSPENDED_USERS SUSPENDED_WEB SUSPENDED_DNS SUSPENDED_MAIL SUSPENDED_DB SUSPENDED_CRON IP_AVAIL IP_OWNED U_USERS U_DISK U_DISK_DIRS U_DISK_WEB U_DISK_MAIL U_DISK_DB U_BANDWIDTH U_WEB_DOMAINS U_WEB_SSL U_WEB_ALIASES U_DNS_DOMAINS U_DNS_RECORDS U_MAIL_DOMAINS U_MAIL_DKIM U_MAIL_ACCOUNTS U_DATABASES U_CRON_JOBS U_BACKUPS LANGUAGE TIME DATE'.split(' ');

/** CSV columns that Hestia wraps in double quotes (free text); the rest go out bare, as echo prints them. */
const CSV_QUOTED = new Set(['NAME', 'NS', 'RKEY']);
const csvCell = (r: UserRecord, k: string): string => (CSV_QUOTED.has(k) ? `"${r[k] ?? ''}"` : (r[k] ?? ''));

const LIST_USERS_CSV = 'USER NAME PACKAGE WEB_TEMPLATE BACKEND_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA BANDWIDTH NS HOME SHELL BACKUPS CONTACT CRON_REPORTS RKEY ROLE SUSPENDED SUSPENDED_USERS SUSPENDED_WEB SUSPENDED_DNS SUSPENDED_MAIL SUSPENDED_DB SUSPENDED_CRON IP_AVAIL IP_OWNED U_USERS U_DISK U_DISK_DIRS U_DISK_WEB U_DISK_MAIL U_DISK_DB U_BANDWIDTH U_WEB_DOMAINS U_WEB_SSL U_WEB_ALIASES U_DNS_DOMAINS U_DNS_RECORDS U_MAIL_DOMAINS U_MAIL_DKIM U_MAIL_ACCOUNTS U_DATABASES U_CRON_JOBS U_BACKUPS LANGUAGE TIME DATE'.split(' ');

/** Hestia's CSV header lost a comma between U_DATABASES and U_CRON_JOBS; parsers keyed on it expect that. */
const csvHeader = (keys: readonly string[]): string => keys.join(',').replace('U_DATABASES,U_CRON_JOBS', 'U_DATABASESU_CRON_JOBS');

/** v-list-users in one of Hestia's formats; undefined for an unknown format (which prints nothing). */
export function formatUserList(records: readonly UserRecord[], format: string): string | undefined {
  switch (format) {
    case 'json':
      return hestiaJsonObjects(records.map((r) => [r['USER'] ?? '', pick(r, LIST_USERS_JSON)] as const));
    case 'list':
      return records.map((r) => r['USER'] ?? '').join('\n');
    case 'plain':
      // Each line ends in a tab: the script's last echo prints "$DATE\t".
      return records.map((r) => `${LIST_USERS_PLAIN.map((k) => r[k] ?? '').join('\t')}\t`).join('\n');
    case 'csv': {
      const rows = records.map((r) => LIST_USERS_CSV.map((k) => (k === 'HOME' ? '' : csvCell(r, k))).join(','));
      return [csvHeader(LIST_USERS_CSV), ...rows].join('\n');
    }
    case 'shell':
      return columnTable([
        ['USER', 'ROLE', 'PKG', 'WEB', 'DNS', 'MAIL', 'DB', 'DISK', 'BW', 'SPND', 'DATE'],
        ['----', '----', '---', '---', '---', '---', '--', '----', '--', '----', '----'],
        ...records.map((r) => ['USER', 'ROLE', 'PACKAGE', 'U_WEB_DOMAINS', 'U_DNS_DOMAINS', 'U_MAIL_DOMAINS', 'U_DATABASES', 'U_DISK', 'U_BANDWIDTH', 'SUSPENDED', 'DATE'].map((k) => r[k] ?? '')),
      ]);
    default:
      return undefined;
  }
}

const USER_JSON = 'NAME PACKAGE WEB_TEMPLATE BACKEND_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA BANDWIDTH HOME NS SHELL BACKUPS CONTACT CRON_REPORTS RKEY TWOFA QRCODE ROLE SUSPENDED SUSPENDED_USERS SUSPENDED_WEB SUSPENDED_DNS SUSPENDED_MAIL SUSPENDED_DB SUSPENDED_CRON IP_AVAIL IP_OWNED U_USERS U_DISK U_DISK_DIRS U_DISK_WEB U_DISK_MAIL U_DISK_DB U_BANDWIDTH U_WEB_DOMAINS U_WEB_SSL U_WEB_ALIASES U_DNS_DOMAINS U_DNS_RECORDS U_MAIL_DOMAINS U_MAIL_DKIM U_MAIL_ACCOUNTS U_DATABASES U_CRON_JOBS U_BACKUPS BACKUPS_INCREMENTAL LANGUAGE THEME NOTIFICATIONS PREF_UI_SORT LOGIN_DISABLED LOGIN_USE_IPLIST LOGIN_ALLOW_IPS PHPCLI TIME DATE'.split(' ');

const USER_PLAIN = 'USER NAME PACKAGE WEB_TEMPLATE BACKEND_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA BANDWIDTH NS HOME SHELL BACKUPS CONTACT CRON_REPORTS RKEY SUSPENDED SUSPENDED_USERS SUSPENDED_WEB SUSPENDED_DNS SUSPENDED_MAIL SUSPENDED_DB SUSPENDED_CRON IP_AVAIL IP_OWNED U_USERS U_DISK U_DISK_DIRS U_DISK_WEB U_DISK_MAIL U_DISK_DB U_BANDWIDTH U_WEB_DOMAINS U_WEB_SSL U_WEB_ALIASES U_DNS_DOMAINS U_DNS_RECORDS U_MAIL_DOMAINS U_MAIL_DKIM U_MAIL_ACCOUNTS U_DATABASES U_CRON_JOBS U_BACKUPS LANGUAGE THEME TIME DATE'.split(' ');

const USER_CSV = 'USER NAME PACKAGE WEB_TEMPLATE BACKEND_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA BANDWIDTH NS HOME SHELL BACKUPS CONTACT CRON_REPORTS RKEY SUSPENDED SUSPENDED_USERS SUSPENDED_WEB SUSPENDED_DNS SUSPENDED_MAIL SUSPENDED_DB SUSPENDED_CRON IP_AVAIL IP_OWNED U_USERS U_DISK U_DISK_DIRS U_DISK_WEB U_DISK_MAIL U_DISK_DB U_BANDWIDTH U_WEB_DOMAINS U_WEB_SSL U_WEB_ALIASES U_DNS_DOMAINS U_DNS_RECORDS U_MAIL_DOMAINS U_MAIL_DKIM U_MAIL_ACCOUNTS U_DATABASES U_CRON_JOBS U_BACKUPS LANGUAGE THEME NOTIFICATIONS TIME DATE'.split(' ');

/** `LABEL:` lines of v-list-user's shell format: [label, used key, limit key]. */
const USER_SHELL: ReadonlyArray<readonly [string, string, string?]> = [
  ['USERNAME:       ', 'USER'],
  ['FULL NAME:      ', 'NAME'],
  ['EMAIL:          ', 'CONTACT'],
  ['LANGUAGE:       ', 'LANGUAGE'],
  ['THEME:          ', 'THEME'],
  ['SUSPENDED:      ', 'SUSPENDED'],
  ['PACKAGE:        ', 'PACKAGE'],
  ['SHELL:          ', 'SHELL'],
  ['WEB DOMAINS:    ', 'U_WEB_DOMAINS', 'WEB_DOMAINS'],
  ['WEB ALIASES:    ', 'U_WEB_ALIASES', 'WEB_ALIASES'],
  ['DNS DOMAINS:    ', 'U_DNS_DOMAINS', 'DNS_DOMAINS'],
  ['DNS RECORDS:    ', 'U_DNS_RECORDS', 'DNS_RECORDS'],
  ['MAIL DOMAINS:   ', 'U_MAIL_DOMAINS', 'MAIL_DOMAINS'],
  ['MAIL ACCOUNTS:  ', 'U_MAIL_ACCOUNTS', 'MAIL_ACCOUNTS'],
  ['BACKUPS:        ', 'U_BACKUPS', 'BACKUPS'],
  ['DATABASES:      ', 'U_DATABASES', 'DATABASES'],
  ['CRON_JOBS:      ', 'U_CRON_JOBS', 'CRON_JOBS'],
  ['DISK:           ', 'U_DISK', 'DISK_QUOTA'],
  ['BANDWIDTH:      ', 'U_BANDWIDTH', 'BANDWIDTH'],
  // Sic: Hestia prints this label without a colon.
  ['IP ADDRESSES    ', 'IP_AVAIL', 'IP_OWNED'],
  ['TIME:           ', 'TIME'],
  ['DATE:           ', 'DATE'],
];

/** v-list-user in one of Hestia's formats (it has no `list` format); undefined prints nothing. */
export function formatUser(r: UserRecord, format: string): string | undefined {
  switch (format) {
    case 'json':
      // One object, closed on its own line (unlike v-list-users' "}}").
      return `{\n    ${JSON.stringify(r['USER'] ?? '')}: {\n${pick(r, USER_JSON)
        .map(([k, v]) => `        ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
        .join(',\n')}\n        }\n}`;
    case 'plain':
      return USER_PLAIN.map((k) => r[k] ?? '').join('\t');
    case 'csv':
      return [csvHeader(USER_CSV), USER_CSV.map((k) => csvCell(r, k)).join(',')].join('\n');
    case 'shell':
      return USER_SHELL.map(([label, used, limit]) => `${label}${r[used] ?? ''}${limit ? `/${r[limit] ?? ''}` : ''}`).join('\n');
    default:
      return undefined;
  }
}

/** The package's templates and limits, in the order Hestia lists them for users and packages alike. */
function packageFields(p: HostingPackageEntity): UserRecord {
  return {
    WEB_TEMPLATE: p.webTemplate,
    BACKEND_TEMPLATE: p.backendTemplate,
    PROXY_TEMPLATE: p.proxyTemplate,
    DNS_TEMPLATE: p.dnsTemplate,
    WEB_DOMAINS: p.webDomains,
    WEB_ALIASES: p.webAliases,
    DNS_DOMAINS: p.dnsDomains,
    DNS_RECORDS: p.dnsRecords,
    MAIL_DOMAINS: p.mailDomains,
    MAIL_ACCOUNTS: p.mailAccounts,
    DATABASES: p.databases,
    CRON_JOBS: p.cronJobs,
    DISK_QUOTA: p.diskQuota,
    CPU_QUOTA: 'unlimited',
    CPU_QUOTA_PERIOD: '100ms',
    MEMORY_LIMIT: 'unlimited',
    SWAP_LIMIT: 'unlimited',
    BANDWIDTH: p.bandwidth,
  };
}

/** A package as Hestia's .pkg file holds it (the CPU/memory limits are not enforced by the gateway). */
export function packageRecord(p: HostingPackageEntity): UserRecord {
  const created = new Date(p.createdAt);
  return {
    PACKAGE: p.name,
    ...packageFields(p),
    NS: p.ns,
    SHELL: p.shell,
    BACKUPS: p.backups,
    TIME: hestiaTime(created),
    DATE: hestiaDate(created),
  };
}

const PACKAGE_JSON = 'WEB_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA CPU_QUOTA CPU_QUOTA_PERIOD MEMORY_LIMIT SWAP_LIMIT BANDWIDTH NS SHELL BACKUPS TIME DATE'.split(' ');
const PACKAGE_PLAIN = 'PACKAGE WEB_TEMPLATE PROXY_TEMPLATE DNS_TEMPLATE WEB_DOMAINS WEB_ALIASES DNS_DOMAINS DNS_RECORDS MAIL_DOMAINS MAIL_ACCOUNTS DATABASES CRON_JOBS DISK_QUOTA BANDWIDTH NS SHELL BACKUPS TIME DATE'.split(' ');

/** v-list-user-packages in one of Hestia's formats; undefined prints nothing. */
export function formatPackageList(records: readonly UserRecord[], format: string): string | undefined {
  switch (format) {
    case 'json':
      return hestiaJsonList(records.map((r) => [r['PACKAGE'] ?? '', pick(r, PACKAGE_JSON)] as const));
    case 'plain':
      return records.map((r) => PACKAGE_PLAIN.map((k) => r[k] ?? '').join('\t')).join('\n');
    case 'csv':
      return [PACKAGE_PLAIN.join(','), ...records.map((r) => PACKAGE_PLAIN.map((k) => (k === 'NS' ? `"${r[k] ?? ''}"` : (r[k] ?? ''))).join(','))].join('\n');
    case 'shell': {
      // The shell table abbreviates "unlimited" to "unlim" so the columns stay narrow.
      const v = (r: UserRecord, k: string): string => (r[k] ?? '').replace(/unlimited/g, 'unlim');
      return columnTable([
        ['PKG', 'TPL', 'WEB', 'DNS', 'MAIL', 'DB', 'SHELL', 'DISK', 'BW'],
        ['---', '---', '---', '---', '----', '--', '-----', '----', '--'],
        ...records.map((r) => ['PACKAGE', 'WEB_TEMPLATE', 'WEB_DOMAINS', 'DNS_DOMAINS', 'MAIL_DOMAINS', 'DATABASES', 'SHELL', 'DISK_QUOTA', 'BANDWIDTH'].map((k) => v(r, k))),
      ]);
    }
    default:
      return undefined;
  }
}
