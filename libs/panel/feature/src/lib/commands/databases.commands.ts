import { Injectable } from '@nestjs/common';
import { DatabasesService, TempFilesService } from '@hostgate/domain';
import { DomainError } from '@hostgate/shared/errors';
import { argOr, command, listed, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkDatabase, checkDbUser, checkFullDatabase, checkHost, checkPackage, checkPassword, checkUser } from './hestia-validators';
import { DATABASES_SPEC, databaseRecord } from './hosting.format';
import { formatObjectList } from './list-format';
import { resolveSecret } from './temp-files.commands';

/** v-*-database(s). Names are stored as USER_NAME; the DATABASES limit lives in DatabasesService. */
@Injectable()
export class DatabasesCommands implements PanelCommandFamily {
  constructor(
    private readonly databases: DatabasesService,
    private readonly files: TempFilesService,
  ) {}

  commands(): PanelCommand[] {
    return [
      command('v-add-database', 'USER DATABASE DBUSER DBPASS [TYPE] [HOST] [CHARSET]', 4, async ({ args }) => {
        const [user, database, dbUser] = args;
        const password = await resolveSecret(this.files, args[3]);
        checkUser(user);
        checkDatabase(user, database);
        checkDbUser(user, dbUser);
        checkPassword(password);
        const type = argOr(args, 4, 'mysql');
        const host = argOr(args, 5, 'localhost');
        const charset = argOr(args, 6, 'UTF8MB4');
        checkPackage(charset, 'charset', 32);
        checkHost(host);
        // PostgreSQL has no '-' in identifiers the way Hestia creates them.
        if (type === 'pgsql' && database.includes('-')) throw DomainError.invalid('database', database);
        if (type === 'pgsql' && dbUser.includes('-')) throw DomainError.invalid('dbuser', dbUser);
        await this.databases.add(user, { database, dbUser, password, type, host, charset });
        return ok();
      }),
      this.byName('v-delete-database', (user, name) => this.databases.delete(user, name)),
      this.byName('v-suspend-database', (user, name) => this.databases.suspend(user, name)),
      this.byName('v-unsuspend-database', (user, name) => this.databases.unsuspend(user, name)),
      command('v-list-databases', 'USER [FORMAT]', 1, async ({ args }) => {
        checkUser(args[0]);
        const rows = (await this.databases.list(args[0])).map((d) => [d.name, databaseRecord(d)] as const);
        return listed(formatObjectList(rows, DATABASES_SPEC, argOr(args, 1, 'shell')));
      }),
    ];
  }

  /** Commands that take the full prefixed name, as v-list-databases prints it. */
  private byName(name: string, run: (user: string, database: string) => Promise<void>): PanelCommand {
    return command(name, 'USER DATABASE', 2, async ({ args }) => {
      checkUser(args[0]);
      checkFullDatabase(args[1]);
      await run(args[0], args[1]);
      return ok();
    });
  }
}
