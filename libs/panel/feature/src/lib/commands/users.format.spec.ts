import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AccountWithUsage, NO_USAGE } from '@hostgate/domain';
import { type AccountEntity, type HostingPackageEntity } from '@hostgate/shared/persistence';
import { formatPackageList, formatUser, formatUserList, packageRecord, userRecord } from './users.format';

/** Where the panel's byte-exact list outputs are kept. */
const GOLDEN_DIR = join(__dirname, '__golden__');

/**
 * The stored golden text. With UPDATE_GOLDEN=1 the actual text is written first, so a deliberate
 * format change is one reviewed diff of the golden files; without it a missing file fails the test.
 */
function golden(name: string, actual: string): string {
  const file = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 and review it`);
  return readFileSync(file, 'utf8');
}

const at = new Date('2026-11-23T08:09:10Z');

const pkg = (name: string, overrides: Partial<HostingPackageEntity> = {}): HostingPackageEntity => ({
  id: 1,
  name,
  webTemplate: 'default',
  backendTemplate: 'default',
  proxyTemplate: 'default',
  dnsTemplate: 'default',
  webDomains: 'unlimited',
  webAliases: 'unlimited',
  dnsDomains: 'unlimited',
  dnsRecords: 'unlimited',
  mailDomains: 'unlimited',
  mailAccounts: 'unlimited',
  databases: 'unlimited',
  cronJobs: 'unlimited',
  diskQuota: 'unlimited',
  bandwidth: 'unlimited',
  ns: 'ns1.example.com,ns2.example.com',
  shell: 'nologin',
  backups: '1',
  createdAt: at,
  ...overrides,
});

const account = (username: string, overrides: Partial<AccountEntity> = {}): AccountEntity => ({
  id: 1,
  username,
  passwordHash: 'never printed',
  email: `${username}@example.com`,
  name: 'System Administrator',
  packageId: 1,
  role: 'user',
  shell: 'nologin',
  suspended: false,
  language: 'en',
  createdAt: at,
  ...overrides,
});

const admin: AccountWithUsage = { account: account('admin', { role: 'admin' }), package: pkg('default'), usage: NO_USAGE };
const demo: AccountWithUsage = {
  account: account('demo', { id: 2, name: 'Rust Cohle', email: 'demo@gmail.com', suspended: true, shell: 'bash', createdAt: new Date('2026-11-23T09:00:01Z') }),
  package: pkg('small', { webDomains: '3', webAliases: '6', databases: '2' }),
  usage: { ...NO_USAGE, webDomains: 1, webAliases: 1, databases: 2 },
};
const totals = { users: 2, suspended: 1 };
const none = { users: 0, suspended: 0 };
const users = [userRecord(admin, totals), userRecord(demo, none)];

describe('panel list formats (golden files)', () => {
  it.each(['json', 'plain', 'csv', 'shell', 'list'])('v-list-users %s', (format) => {
    const out = formatUserList(users, format);
    expect(out).toBe(golden(`v-list-users.${format}.txt`, out ?? ''));
  });

  it.each(['json', 'plain', 'csv', 'shell'])('v-list-user %s', (format) => {
    const out = formatUser(userRecord(demo, totals), format);
    expect(out).toBe(golden(`v-list-user.${format}.txt`, out ?? ''));
  });

  it.each(['json', 'plain', 'csv', 'shell'])('v-list-user-packages %s', (format) => {
    const out = formatPackageList([pkg('small', { webDomains: '3', createdAt: new Date('2026-11-23T09:00:00Z') }), pkg('default')].map(packageRecord), format);
    expect(out).toBe(golden(`v-list-user-packages.${format}.txt`, out ?? ''));
  });

  it('prints every JSON value as a string, in Hestia key order', () => {
    const parsed = JSON.parse(formatUser(userRecord(demo, totals), 'json') ?? '') as Record<string, Record<string, unknown>>;
    const fields = parsed['demo'];
    expect(Object.values(fields).every((v) => typeof v === 'string')).toBe(true);
    expect(Object.keys(fields).slice(0, 2)).toEqual(['NAME', 'PACKAGE']);
    expect(Object.keys(fields).slice(-2)).toEqual(['TIME', 'DATE']);
    expect(fields['U_WEB_DOMAINS']).toBe('1');
  });

  it('keeps the CSV header quirk and empty lists as Hestia prints them', () => {
    expect(formatUserList(users, 'csv')?.split('\n')[0]).toContain(',U_DATABASESU_CRON_JOBS,');
    expect(formatUser(userRecord(demo, totals), 'csv')?.split('\n')[0]).toContain(',U_DATABASESU_CRON_JOBS,');
    expect(formatUserList([], 'json')).toBe('{\n}');
    expect(formatPackageList([], 'json')).toBe('{\n}');
  });

  it('prints nothing for an unknown format', () => {
    expect(formatUserList(users, 'yaml')).toBeUndefined();
    expect(formatUser(users[0], 'list')).toBeUndefined();
    expect(formatPackageList([], 'xml')).toBeUndefined();
  });
});
