import { Injectable } from '@nestjs/common';
import { AccountsService, type AccountWithUsage, HostingUsageService, TempFilesService } from '@hostgate/domain';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { arg, argOr, command, listed, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkEmail, checkName, checkNewUser, checkPackage, checkPassword, checkShell, checkUser } from './hestia-validators';
import { resolveSecret } from './temp-files.commands';
import { formatUser, formatUserList, type UserTotals, userRecord } from './users.format';

const NO_TOTALS: UserTotals = { users: 0, suspended: 0 };

function totalsOf(users: readonly AccountWithUsage[]): UserTotals {
  return { users: users.length, suspended: users.filter((u) => u.account.suspended).length };
}

/** v-*-user: accounts, their state, contact data and package. Rules live in AccountsService. */
@Injectable()
export class UsersCommands implements PanelCommandFamily {
  constructor(
    private readonly accounts: AccountsService,
    private readonly files: TempFilesService,
    private readonly usage: HostingUsageService,
  ) {}

  commands(): PanelCommand[] {
    return [
      this.addUser(),
      this.deleteUser(),
      this.suspendUser(),
      this.unsuspendUser(),
      this.changePassword(),
      this.changePackage(),
      this.changeShell(),
      this.changeContact(),
      this.checkPassword(),
      this.listUsers(),
      this.listUser(),
    ];
  }

  private addUser(): PanelCommand {
    // The usage line stops at [NAME]: Hestia's check_args was never given [LASTNAME].
    return command('v-add-user', 'USER PASSWORD EMAIL [PACKAGE] [NAME]', 3, async ({ args }) => {
      const [user, raw, email] = args;
      const packageName = argOr(args, 3, 'default');
      const first = arg(args, 4);
      const last = arg(args, 5);
      checkNewUser(user);
      checkEmail(email);
      checkPackage(packageName);
      if (first) checkName(first);
      if (last) checkName(last);
      const password = await resolveSecret(this.files, raw);
      checkPassword(password);
      // Arguments past LASTNAME are ignored, as the script never reads them.
      await this.accounts.create({ username: user, password, email, packageName, name: last ? `${first} ${last}` : first });
      return ok();
    });
  }

  private deleteUser(): PanelCommand {
    return command('v-delete-user', 'USER [RESTART]', 1, async ({ args }) => {
      checkUser(args[0]);
      await this.accounts.delete(args[0]);
      return ok();
    });
  }

  private suspendUser(): PanelCommand {
    return command('v-suspend-user', 'USER [RESTART]', 1, async ({ args }) => {
      checkUser(args[0]);
      await this.accounts.suspend(args[0]);
      return ok();
    });
  }

  private unsuspendUser(): PanelCommand {
    return command('v-unsuspend-user', 'USER [RESTART]', 1, async ({ args }) => {
      checkUser(args[0]);
      await this.accounts.unsuspend(args[0]);
      return ok();
    });
  }

  private changePassword(): PanelCommand {
    // Hestia would read the password from stdin when it is missing; over HTTP there is no stdin.
    return command('v-change-user-password', 'USER PASSWORD', 2, async ({ args }) => {
      checkUser(args[0]);
      const password = await resolveSecret(this.files, args[1]);
      checkPassword(password);
      await this.accounts.changePassword(args[0], password);
      return ok();
    });
  }

  private changePackage(): PanelCommand {
    return command('v-change-user-package', 'USER PACKAGE [FORCE]', 2, async ({ args }) => {
      checkUser(args[0]);
      checkPackage(args[1]);
      await this.accounts.changePackage(args[0], args[1], arg(args, 2) === 'yes');
      return ok();
    });
  }

  private changeShell(): PanelCommand {
    return command('v-change-user-shell', 'USER SHELL', 2, async ({ args }) => {
      checkUser(args[0]);
      checkShell(args[1]);
      await this.accounts.changeShell(args[0], args[1]);
      return ok();
    });
  }

  private changeContact(): PanelCommand {
    return command('v-change-user-contact', 'USER EMAIL', 2, async ({ args }) => {
      checkUser(args[0]);
      checkEmail(args[1]);
      await this.accounts.changeContact(args[0], args[1]);
      return ok();
    });
  }

  private checkPassword(): PanelCommand {
    return command('v-check-user-password', 'USER PASSWORD [IP] [RETURN_HASH]', 2, async ({ args }) => {
      checkUser(args[0]);
      // Unknown user, empty and wrong password all answer alike (sic "missmatch"), so names cannot be probed.
      const account = await this.accounts.verifyPassword(args[0], await resolveSecret(this.files, args[1]));
      if (!account) throw new DomainError(DomainErrorCode.Unauthenticated, 'password missmatch', { entity: 'user', value: args[0] });
      return ok();
    });
  }

  private listUsers(): PanelCommand {
    return command('v-list-users', '[FORMAT]', 0, async ({ args }) => {
      const users = await this.accounts.listWithUsage();
      const totals = totalsOf(users);
      // Only the ROOT_USER's user.conf carries the server-wide counters.
      return listed(formatUserList(users.map((u) => userRecord(u, u.account.role === 'admin' ? totals : NO_TOTALS)), argOr(args, 0, 'shell')));
    });
  }

  private listUser(): PanelCommand {
    return command('v-list-user', 'USER [FORMAT]', 1, async ({ args }) => {
      checkUser(args[0]);
      const user = await this.accounts.getWithUsage(args[0]);
      // The server-wide counters come from two counts, not from every account's usage.
      const totals = await this.usage.totals();
      return listed(formatUser(userRecord(user, totals), argOr(args, 1, 'shell')));
    });
  }
}
