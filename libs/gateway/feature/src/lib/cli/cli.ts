import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { BILLING_API_USAGE, BillingModule, parseBillingApiArgs, runBillingApi } from '@hostgate/billing';
import { AccountsService, DomainModule, SettingsService } from '@hostgate/domain';
import { BAN_SCOPE_NAMES, type BanScope, CredentialService, LoginBanService } from '@hostgate/shared/auth';
import { type HostgateConfig } from '@hostgate/shared/config';
import { CREDENTIAL_KINDS, type CredentialKind } from '@hostgate/shared/persistence';
import { HostgateRootModule } from '@hostgate/shared/platform';
import { INSTALLER_API_USAGE, runInstallerApi } from './installer-api.command';

export const CLI_USAGE = `Usage: hostgate <command>
  credentials list [--kind KIND]
  credentials create --kind KIND [--identifier ID] [--secret SECRET] [--company-id N] [--owner USER] [--permissions a,b] [--comment TEXT]
  credentials revoke ID
  panel-password PASSWORD
  settings list | settings set KEY VALUE | settings reset KEY
  bans list | bans lift SCOPE IP        (SCOPE: ${BAN_SCOPE_NAMES.join(', ')})
  ${BILLING_API_USAGE}
  ${INSTALLER_API_USAGE}
KIND: ${CREDENTIAL_KINDS.join(', ')}`;

export const CLI_COMMANDS = ['credentials', 'panel-password', 'settings', 'bans', 'billing-api', 'installer-api', 'help'];

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
  if (command === 'billing-api') return billingApi(argv.slice(1), config, io);
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
    if (command === 'settings') return await settingsCommand(app.get(SettingsService, { strict: false }), sub, rest, io);
    if (command === 'bans') return await bansCommand(app.get(LoginBanService), sub, rest, io);
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

/** The Blesta API's command-line form, in-process: prints the body HTTP would answer. */
async function billingApi(args: readonly string[], config: HostgateConfig, io: CliIo): Promise<number> {
  const parsed = parseBillingApiArgs(args);
  if (typeof parsed === 'string') {
    io.err(`error: ${parsed}`);
    io.err(CLI_USAGE);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(HostgateRootModule.forRoot(config, [], { imports: [DomainModule, BillingModule] }, 'cli'), { logger: ['error'] });
  try {
    return await runBillingApi(app, parsed, io);
  } catch (e) {
    io.err(e instanceof Error ? `error: ${e.message}` : 'error');
    return 1;
  } finally {
    await app.close();
  }
}

class CliUsageError extends Error {}

async function settingsCommand(settings: SettingsService, sub: string | undefined, rest: readonly string[], io: CliIo): Promise<number> {
  switch (sub) {
    case 'list':
      for (const s of await settings.list()) io.out(JSON.stringify(s));
      return 0;
    case 'set':
      if (rest.length !== 2) throw new CliUsageError('settings set needs KEY and VALUE');
      io.out(JSON.stringify(await settings.set(rest[0], rest[1])));
      return 0;
    case 'reset':
      if (rest.length !== 1) throw new CliUsageError('settings reset needs KEY');
      io.out(JSON.stringify(await settings.reset(rest[0])));
      return 0;
    default:
      throw new CliUsageError(`unknown settings command: ${sub ?? '(none)'}`);
  }
}

async function bansCommand(bans: LoginBanService, sub: string | undefined, rest: readonly string[], io: CliIo): Promise<number> {
  switch (sub) {
    case 'list':
      for (const b of await bans.list()) io.out(JSON.stringify(b));
      return 0;
    case 'lift': {
      const [scope, ip] = rest;
      if (!scope || !ip || !(BAN_SCOPE_NAMES as readonly string[]).includes(scope)) throw new CliUsageError('bans lift needs SCOPE and IP');
      if (!(await bans.lift(scope as BanScope, ip))) {
        io.err(`${ip} is not banned in ${scope}`);
        return 1;
      }
      io.out(`ban on ${ip} in ${scope} lifted`);
      return 0;
    }
    default:
      throw new CliUsageError(`unknown bans command: ${sub ?? '(none)'}`);
  }
}

function kindOf(v: string | undefined): CredentialKind | undefined {
  if (v === undefined) return undefined;
  if (!(CREDENTIAL_KINDS as readonly string[]).includes(v)) throw new CliUsageError(`unknown kind ${v}`);
  return v as CredentialKind;
}
