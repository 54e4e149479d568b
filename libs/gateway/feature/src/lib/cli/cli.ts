import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AccountsService, DomainModule } from '@hostgate/domain';
import { CredentialService } from '@hostgate/shared/auth';
import { type HostgateConfig } from '@hostgate/shared/config';
import { CREDENTIAL_KINDS, type CredentialKind } from '@hostgate/shared/persistence';
import { HostgateRootModule } from '@hostgate/shared/platform';
import { INSTALLER_API_USAGE, runInstallerApi } from './installer-api.command';

export const CLI_USAGE = `Usage: hostgate <command>
  credentials list [--kind KIND]
  credentials create --kind KIND [--identifier ID] [--secret SECRET] [--company-id N] [--owner USER] [--permissions a,b] [--comment TEXT]
  credentials revoke ID
  panel-password PASSWORD
  ${INSTALLER_API_USAGE}
KIND: ${CREDENTIAL_KINDS.join(', ')}`;

export const CLI_COMMANDS = ['credentials', 'panel-password', 'installer-api', 'help'];

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** The admin API's operations for an operator on the host, against the same database. Returns an exit code. */
export async function runCli(argv: readonly string[], config: HostgateConfig, io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || !CLI_COMMANDS.includes(command)) {
    (command && command !== 'help' ? io.err : io.out)(CLI_USAGE);
    return command && command !== 'help' ? 2 : 0;
  }
  if (command === 'installer-api') return runInstallerApi([sub, ...rest].filter((a) => a !== undefined), config, io);
  const app = await NestFactory.createApplicationContext(HostgateRootModule.forRoot(config, [], { imports: [DomainModule] }, 'cli'), { logger: ['error'] });
  try {
    const credentials = app.get(CredentialService);
    if (command === 'panel-password') {
      if (!sub) throw new CliUsageError('panel-password needs the new password');
      const accounts = app.get(AccountsService, { strict: false });
      const root = await accounts.rootUser();
      if (!root) throw new CliUsageError('there is no panel administrator account yet; start the gateway once');
      await accounts.setPassword(root.username, sub);
      io.out(`password of ${root.username} changed`);
      return 0;
    }
    switch (sub) {
      case 'list': {
        const { values } = parseArgs({ args: rest, options: { kind: { type: 'string' } }, strict: true });
        for (const c of await credentials.list(kindOf(values.kind))) io.out(JSON.stringify(c));
        return 0;
      }
      case 'create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            kind: { type: 'string' },
            identifier: { type: 'string' },
            secret: { type: 'string' },
            'company-id': { type: 'string' },
            owner: { type: 'string' },
            permissions: { type: 'string' },
            comment: { type: 'string' },
          },
          strict: true,
        });
        const kind = kindOf(values.kind);
        if (!kind) throw new CliUsageError('--kind is required');
        const created = await credentials.create({
          kind,
          identifier: values.identifier,
          secret: values.secret,
          companyId: values['company-id'] !== undefined ? Number(values['company-id']) : kind === 'billing_api_key' ? 1 : undefined,
          owner: values.owner,
          permissions: values.permissions?.split(',').filter(Boolean),
          comment: values.comment,
        });
        io.out(JSON.stringify(created));
        return 0;
      }
      case 'revoke': {
        const id = Number(rest[0]);
        if (!Number.isInteger(id)) throw new CliUsageError('revoke needs a numeric credential id');
        io.out(JSON.stringify(await credentials.revoke(id)));
        return 0;
      }
      default:
        throw new CliUsageError(`unknown credentials command: ${sub ?? '(none)'}`);
    }
  } catch (e) {
    io.err(e instanceof Error ? `error: ${e.message}` : 'error');
    if (e instanceof CliUsageError) io.err(CLI_USAGE);
    return e instanceof CliUsageError ? 2 : 1;
  } finally {
    await app.close();
  }
}

class CliUsageError extends Error {}

function kindOf(v: string | undefined): CredentialKind | undefined {
  if (v === undefined) return undefined;
  if (!(CREDENTIAL_KINDS as readonly string[]).includes(v)) throw new CliUsageError(`unknown kind ${v}`);
  return v as CredentialKind;
}
