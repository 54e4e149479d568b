import { type INestApplicationContext } from '@nestjs/common';
import { CredentialService } from '@hostgate/shared/auth';
import { BlestaDispatcher } from '../api/blesta-dispatch';
import { parsePhpStr } from '../api/php-parse-str';

export const BILLING_API_USAGE = 'billing-api [api/]MODEL/METHOD.FORMAT -u USER -k KEY [-m GET|POST|PUT|DELETE] [-p "url-encoded params"]';

export interface BillingApiArgs {
  readonly resource: string;
  readonly user: string | undefined;
  readonly key: string | undefined;
  readonly method: string;
  readonly params: string;
}

/** Blesta's option names: -u/-user, -k/-key, -m/-method, -p/-params (one or two dashes). */
const OPTIONS: Readonly<Record<string, 'user' | 'key' | 'method' | 'params'>> = { u: 'user', user: 'user', k: 'key', key: 'key', m: 'method', method: 'method', p: 'params', params: 'params' };

/** The seed's command line: `api/users/get.json -u USER -k KEY -m GET -p "user_id=1"`; a string is a usage error. */
export function parseBillingApiArgs(argv: readonly string[]): BillingApiArgs | string {
  const values: Partial<Record<'user' | 'key' | 'method' | 'params', string>> = {};
  let resource: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const option = /^--?([a-z]+)$/i.exec(arg)?.[1]?.toLowerCase();
    if (option === undefined) {
      if (resource !== undefined) return `unexpected argument: ${arg}`;
      resource = arg;
      continue;
    }
    const name = OPTIONS[option];
    if (!name) return `unknown option: ${arg}`;
    const value = argv[++i];
    if (value === undefined) return `${arg} needs a value`;
    values[name] = value;
  }
  if (!resource) return 'the resource (e.g. api/users/get.json) is required';
  const method = (values.method ?? 'GET').toUpperCase();
  if (!['GET', 'POST', 'PUT', 'DELETE'].includes(method)) return `unknown method: ${values.method ?? ''}`;
  return { resource, user: values.user, key: values.key, method, params: values.params ?? '' };
}

/** /api/{model}/{method}.{format} whichever way the resource was written (api/..., /api/..., index.php/api/...). */
function apiPath(resource: string): string {
  const trimmed = resource.replace(/^\/+/, '').replace(/^index\.php\//, '');
  return `/${trimmed.startsWith('api/') ? trimmed : `api/${trimmed}`}`;
}

/**
 * Runs one Blesta API call in-process, against the configured database, through the same
 * dispatcher as the HTTP API, and prints exactly the body HTTP would answer. Parameters go where a
 * request with that method carries them: the query for GET and DELETE, the body for POST and PUT.
 * Exit code 0 for a 200, 1 for any error answer.
 */
export async function runBillingApi(app: INestApplicationContext, args: BillingApiArgs, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const credentials = app.get(CredentialService, { strict: false });
  const dispatcher = app.get(BlestaDispatcher, { strict: false });
  const inQuery = args.method === 'GET' || args.method === 'DELETE';
  const url = apiPath(args.resource) + (inQuery && args.params !== '' ? `?${args.params}` : '');
  const principal = args.user !== undefined && args.key !== undefined ? await credentials.verifyPair('billing_api_key', args.user, args.key) : undefined;
  const rendered = await dispatcher.answer({ method: args.method, url, requestId: 'cli' }, () => parsePhpStr(args.params, inQuery ? 'query' : 'body'), principal, (e) =>
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`),
  );
  io.out(rendered.body);
  return rendered.status === 200 ? 0 : 1;
}
