import { Injectable } from '@nestjs/common';
import { MailService, TempFilesService } from '@hostgate/domain';
import { argOr, command, listed, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkBoolean, checkDomain, checkInteger, checkMailAccount, checkPassword, checkQuota, checkUser } from './hestia-validators';
import { MAIL_ACCOUNTS_SPEC, MAIL_DOMAINS_SPEC, mailAccountRecord, mailDomainRecord } from './hosting.format';
import { formatObjectList } from './list-format';
import { resolveSecret } from './temp-files.commands';

/** `${N-yes}`: the default only when absent; a present value must be yes or no. */
function flag(args: readonly string[], index: number, field: string, fallback: 'yes' | 'no'): boolean {
  const value = argOr(args, index, fallback);
  checkBoolean(field, value);
  return value === 'yes';
}

/** v-*-mail-domain(s) and v-*-mail-account(s). Uniqueness and MAIL_* limits live in MailService. */
@Injectable()
export class MailCommands implements PanelCommandFamily {
  constructor(
    private readonly mail: MailService,
    private readonly files: TempFilesService,
  ) {}

  commands(): PanelCommand[] {
    return [
      command('v-add-mail-domain', 'USER DOMAIN [ANTISPAM] [ANTIVIRUS] [DKIM] [DKIM_SIZE] [RESTART] [REJECT_SPAM]', 2, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        const antispam = flag(args, 2, 'antispam', 'yes');
        const antivirus = flag(args, 3, 'antivirus', 'yes');
        const dkim = flag(args, 4, 'dkim', 'yes');
        const size = argOr(args, 5, '2048');
        checkInteger('dkim_size', size);
        const rejectSpam = flag(args, 7, 'reject', 'no');
        await this.mail.addDomain(args[0], { domain, antispam, antivirus, dkim, rejectSpam });
        return ok();
      }),
      command('v-delete-mail-domain', 'USER DOMAIN [RESTART]', 2, async ({ args }) => {
        checkUser(args[0]);
        await this.mail.deleteDomain(args[0], checkDomain(args[1]));
        return ok();
      }),
      command('v-list-mail-domains', 'USER [FORMAT]', 1, async ({ args }) => {
        checkUser(args[0]);
        const rows = (await this.mail.listDomains(args[0])).map((m) => [m.mailDomain.domain, mailDomainRecord(m)] as const);
        return listed(formatObjectList(rows, MAIL_DOMAINS_SPEC, argOr(args, 1, 'shell')));
      }),
      command('v-add-mail-account', 'USER DOMAIN ACCOUNT PASSWORD [QUOTA]', 4, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        checkMailAccount(args[2]);
        const password = await resolveSecret(this.files, args[3]);
        checkPassword(password);
        const quota = argOr(args, 4, 'unlimited');
        checkQuota(quota);
        await this.mail.addAccount(args[0], domain, { account: args[2], password, quota });
        return ok();
      }),
      command('v-delete-mail-account', 'USER DOMAIN ACCOUNT', 3, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        checkMailAccount(args[2]);
        await this.mail.deleteAccount(args[0], domain, args[2]);
        return ok();
      }),
      command('v-change-mail-account-password', 'USER DOMAIN ACCOUNT PASSWORD', 4, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        checkMailAccount(args[2]);
        const password = await resolveSecret(this.files, args[3]);
        checkPassword(password);
        await this.mail.changeAccountPassword(args[0], domain, args[2], password);
        return ok();
      }),
      command('v-list-mail-accounts', 'USER DOMAIN [FORMAT]', 2, async ({ args }) => {
        checkUser(args[0]);
        const rows = (await this.mail.listAccounts(args[0], checkDomain(args[1]))).map((a) => [a.account, mailAccountRecord(a)] as const);
        return listed(formatObjectList(rows, MAIL_ACCOUNTS_SPEC, argOr(args, 2, 'shell')));
      }),
    ];
  }
}
