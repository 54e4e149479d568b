import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AccountsService, type AccountWithUsage } from '@hostgate/domain';
import { type CommandResult } from '../api/hestia-output';
import { CommandTable, ok, type PanelCommand } from './command-table';
import { columnTable, hestiaJsonObjects } from './list-format';

const pad2 = (n: number): string => String(n).padStart(2, '0');
export const hestiaDate = (d: Date): string => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
export const hestiaTime = (d: Date): string => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;

/** v-list-users json fields, in Hestia's order. */
function userFields(u: AccountWithUsage, totals: { users: number; suspended: number }): Array<readonly [string, string]> {
  const a = u.account;
  const p = u.package;
  const created = new Date(a.createdAt);
  return [
    ['NAME', a.name],
    ['PACKAGE', p.name],
    ['WEB_TEMPLATE', p.webTemplate],
    ['BACKEND_TEMPLATE', p.backendTemplate],
    ['PROXY_TEMPLATE', p.proxyTemplate],
    ['DNS_TEMPLATE', p.dnsTemplate],
    ['WEB_DOMAINS', p.webDomains],
    ['WEB_ALIASES', p.webAliases],
    ['DNS_DOMAINS', p.dnsDomains],
    ['DNS_RECORDS', p.dnsRecords],
    ['MAIL_DOMAINS', p.mailDomains],
    ['MAIL_ACCOUNTS', p.mailAccounts],
    ['DATABASES', p.databases],
    ['CRON_JOBS', p.cronJobs],
    ['DISK_QUOTA', p.diskQuota],
    ['CPU_QUOTA', 'unlimited'],
    ['CPU_QUOTA_PERIOD', '100ms'],
    ['MEMORY_LIMIT', 'unlimited'],
    ['SWAP_LIMIT', 'unlimited'],
    ['BANDWIDTH', p.bandwidth],
    ['NS', p.ns],
    ['SHELL', a.shell],
    ['BACKUPS', p.backups],
    ['CONTACT', a.email],
    ['CRON_REPORTS', 'yes'],
    ['RKEY', ''],
    ['ROLE', a.role],
    ['SUSPENDED', a.suspended ? 'yes' : 'no'],
    ['SUSPENDED_USERS', String(a.role === 'admin' ? totals.suspended : 0)],
    ['SUSPENDED_WEB', '0'],
    ['SUSPENDED_DNS', '0'],
    ['SUSPENDED_MAIL', '0'],
    ['SUSPENDED_DB', '0'],
    ['SUSPENDED_CRON', '0'],
    ['IP_AVAIL', '0'],
    ['IP_OWNED', '0'],
    ['U_USERS', String(a.role === 'admin' ? totals.users : 0)],
    ['U_DISK', '0'],
    ['U_DISK_DIRS', '0'],
    ['U_DISK_WEB', '0'],
    ['U_DISK_MAIL', '0'],
    ['U_DISK_DB', '0'],
    ['U_BANDWIDTH', '0'],
    ['U_WEB_DOMAINS', String(u.webDomains)],
    ['U_WEB_SSL', '0'],
    ['U_WEB_ALIASES', String(u.webAliases)],
    ['U_DNS_DOMAINS', '0'],
    ['U_DNS_RECORDS', '0'],
    ['U_MAIL_DOMAINS', '0'],
    ['U_MAIL_DKIM', '0'],
    ['U_MAIL_ACCOUNTS', '0'],
    ['U_DATABASES', '0'],
    ['U_CRON_JOBS', '0'],
    ['U_BACKUPS', '0'],
    ['LANGUAGE', a.language],
    ['TIME', hestiaTime(created)],
    ['DATE', hestiaDate(created)],
  ];
}

@Injectable()
export class UsersCommands implements OnModuleInit {
  constructor(
    private readonly table: CommandTable,
    private readonly accounts: AccountsService,
  ) {}

  onModuleInit(): void {
    this.table.register(this.listUsers());
  }

  private listUsers(): PanelCommand {
    return {
      name: 'v-list-users',
      options: '[FORMAT]',
      minArgs: 0,
      run: async ({ args }): Promise<CommandResult> => {
        const format = args[0] ?? 'shell';
        const users = await this.accounts.listWithUsage();
        const totals = { users: users.length, suspended: users.filter((u) => u.account.suspended).length };
        switch (format) {
          case 'json':
            return ok(hestiaJsonObjects(users.map((u) => [u.account.username, userFields(u, totals)] as const)));
          case 'list':
            return ok(users.map((u) => u.account.username).join('\n'));
          case 'plain':
            return ok(users.map((u) => [u.account.username, ...userFields(u, totals).map(([, v]) => v)].join('\t')).join('\n'));
          case 'shell':
            return ok(
              columnTable([
                ['USER', 'ROLE', 'PKG', 'WEB', 'DNS', 'MAIL', 'DB', 'DISK', 'BW', 'SPND', 'DATE'],
                ['----', '----', '---', '---', '---', '----', '--', '----', '--', '----', '----'],
                ...users.map((u) => [u.account.username, u.account.role, u.package.name, String(u.webDomains), '0', '0', '0', '0', '0', u.account.suspended ? 'yes' : 'no', hestiaDate(new Date(u.account.createdAt))]),
              ]),
            );
          default:
            // An unknown format prints nothing, so legacy callers see OK.
            return ok();
        }
      },
    };
  }
}
