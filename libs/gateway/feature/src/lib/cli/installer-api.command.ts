import { NestFactory } from '@nestjs/core';
import { DomainModule, INSTALLER_TASK_RUNNER, type InstallerTaskRunner } from '@hostgate/domain';
import { InstallerApi, InstallerCliModule, installerErrorRenderer } from '@hostgate/installer';
import { type HostgateConfig } from '@hostgate/shared/config';
import { asDomainError } from '@hostgate/shared/errors';
import { parsePhpForm } from '@hostgate/shared/http';
import { HostgateRootModule } from '@hostgate/shared/platform';

export const INSTALLER_API_USAGE = `installer-api [--http-method=GET|POST|DELETE] <command> [--param=value ...]
    e.g. installer-api /users
         installer-api --http-method=POST /browser/wordpress/install --user=alice --url=https://alice.example/blog/ --login=admin123 --passwd=password123
         installer-api POST /users --id=alice --websites='[{"label":"alice.example"}]'   (or --websites[0][label]=alice.example)`;

const METHODS = ['GET', 'POST', 'DELETE'];

interface ParsedArgs {
  readonly method: string;
  readonly command: string;
  readonly input: Record<string, unknown>;
}

/** Installatron's CLI form: the command (an API path) and --param=value pairs, PHP-style brackets allowed. */
export function parseInstallerArgs(args: readonly string[]): ParsedArgs | string {
  let method: string | undefined;
  let command: string | undefined;
  const pairs: string[] = [];
  const json: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const value = eq < 0 ? 'true' : arg.slice(eq + 1);
      if (name === 'http-method' || name === 'cmd') {
        if (name === 'http-method') method = value.toUpperCase();
        else command = value;
        continue;
      }
      // A JSON array or object for a plain name (websites) is taken as such.
      if (/^[A-Za-z0-9_-]+$/.test(name) && /^\s*[[{]/.test(value)) {
        try {
          json[name] = JSON.parse(value) as unknown;
          continue;
        } catch {
          return `--${name} is not valid JSON`;
        }
      }
      pairs.push(`${encodeURIComponent(name).replace(/%5B/gi, '[').replace(/%5D/gi, ']')}=${encodeURIComponent(value)}`);
    } else if (!method && !command && METHODS.includes(arg.toUpperCase())) {
      method = arg.toUpperCase();
    } else if (!command) {
      command = arg;
    } else {
      return `unexpected argument ${arg}`;
    }
  }
  if (!command) return 'the command (an API path such as /users) is missing';
  if (method && !METHODS.includes(method)) return `--http-method must be one of ${METHODS.join(', ')}`;
  return { method: method ?? 'GET', command: command.startsWith('/') ? command : `/${command}`, input: { ...parsePhpForm(pairs.join('&')), ...json } };
}

/**
 * Runs one installer API call on the host, against the same database, through the same route
 * table as HTTP, printing the JSON the HTTP API would answer. Exit code 0 when result is true.
 */
export async function runInstallerApi(args: readonly string[], config: HostgateConfig, io: { out(line: string): void; err(line: string): void }): Promise<number> {
  const parsed = parseInstallerArgs(args);
  if (typeof parsed === 'string') {
    io.err(`error: ${parsed}`);
    io.err(`Usage: hostgate ${INSTALLER_API_USAGE}`);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(HostgateRootModule.forRoot(config, [], { imports: [DomainModule, InstallerCliModule] }, 'cli'), { logger: ['error'] });
  try {
    await app.init();
    const api = app.get(InstallerApi, { strict: false });
    let body: string;
    try {
      const answer = await api.run(parsed.method, parsed.command, parsed.input, `http://localhost:${config.port}`);
      body = JSON.stringify(answer.body);
    } catch (e) {
      const domain = asDomainError(e);
      if (!domain) throw e;
      body = installerErrorRenderer.renderDomainError(domain, { method: parsed.method, url: parsed.command, requestId: 'cli' }).body;
    }
    // A background job started here finishes before the process ends.
    await app.get<InstallerTaskRunner>(INSTALLER_TASK_RUNNER, { strict: false }).drain();
    io.out(body);
    return (JSON.parse(body) as { result: boolean }).result ? 0 : 1;
  } finally {
    await app.close();
  }
}
