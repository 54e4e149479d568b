import { type OpenAPIObject } from '@nestjs/swagger';
import { type PanelCommand } from '../commands/command-table';
import { HestiaExit, hestiaHttpStatus } from './hestia-codes';

type Schema = Record<string, unknown>;

const MAX_ARGS = 13;

/** What each name in the scripts' `# options:` lines stands for; a name not listed here is still documented by name. */
const ARGUMENT_MEANINGS: Readonly<Record<string, string>> = {
  USER: 'user name',
  PASSWORD: 'password, or <TMP>/name of a file written by v-make-tmp-file',
  EMAIL: 'contact e-mail address',
  PACKAGE: 'hosting package name',
  NAME: 'full name (with LASTNAME in arg6 for v-add-user)',
  RESTART: 'restart services: yes, no, ... (accepted, nothing to restart here)',
  SHELL: 'login shell, e.g. bash or nologin',
  FORCE: 'yes: skip the check that the new package covers current usage',
  IP: 'IPv4 address',
  RETURN_HASH: 'print the password hash instead of nothing',
  FORMAT: 'output format: json, plain, csv or shell (v-list-users also list; key listings json, shell, plain); any other value prints nothing',
  PKG_DIR: 'directory holding PACKAGE.pkg (the temp directory, /tmp, written with v-make-tmp-file)',
  REWRITE: 'yes: replace an existing package',
  DOMAIN: 'domain name (lower-cased, leading www. dropped)',
  ALIASES: 'comma-separated aliases; for v-add-web-domain empty means www.DOMAIN and none means no alias',
  PROXY_EXTENSIONS: 'file extensions the proxy serves itself',
  DNSSEC: 'yes or no',
  RECORD: 'record name, e.g. @, www or _dmarc',
  TYPE: 'DNS record type (A, AAAA, CNAME, MX, TXT, ...) or, for v-add-database, mysql or pgsql',
  VALUE: 'record value',
  PRIORITY: 'MX/SRV priority',
  ID: 'record id',
  TTL: 'time to live in seconds',
  ANTISPAM: 'yes or no',
  ANTIVIRUS: 'yes or no',
  DKIM: 'yes or no',
  DKIM_SIZE: 'DKIM key size in bits',
  REJECT_SPAM: 'yes or no',
  ACCOUNT: 'mailbox local part',
  QUOTA: 'mailbox quota in MB, or unlimited',
  MAIL: 'yes: the certificate is for the mail domain',
  DATABASE: 'database name (without the USER_ prefix when adding, the full prefixed name otherwise)',
  DBUSER: 'database user (stored as USER_DBUSER)',
  DBPASS: 'database password',
  HOST: 'database host',
  CHARSET: 'character set',
  PERMISSIONS: 'comma-separated API profiles (billing, mail-accounts, update-dns-records); none gives an admin key full access',
  COMMENT: 'free-text comment',
  ACCESS_KEY_ID: 'the 20-character access key id',
  CONTENT: 'text to write (a newline is appended)',
  FILENAME: 'file name in the temp directory',
};

/** One command's arguments from its options line: position, name, whether check_args requires it. */
export function commandArguments(command: PanelCommand): Array<{ position: number; name: string; required: boolean; meaning: string }> {
  const names = command.options.split(' ').filter((n) => n !== '');
  return names.map((raw, i) => {
    const name = raw.replace(/^\[|\]$/g, '');
    const base = name.replace(/\d+$/, '');
    const meaning = ARGUMENT_MEANINGS[name] ?? (/^NS\d$/.test(name) ? `name server ${name.slice(2)}` : (ARGUMENT_MEANINGS[base] ?? name.toLowerCase().replace(/_/g, ' ')));
    return { position: i + 1, name, required: i < command.minArgs, meaning };
  });
}

/** The markdown line documenting one command in the `cmd` description. */
function commandLine(command: PanelCommand): string {
  const args = commandArguments(command);
  if (args.length === 0) return `- \`${command.name}\`: no arguments.`;
  const parts = args.map((a) => `arg${a.position} ${a.name}${a.required ? '' : ' (optional)'}: ${a.meaning}`);
  return `- \`${command.name}\` ${command.options}: ${parts.join('; ')}.`;
}

const EXIT_NAMES = Object.fromEntries(Object.entries(HestiaExit).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v as number, k]));

/** Exit codes grouped by the HTTP status Hestia's exit_code_to_http_code gives them. */
function codesByStatus(): Map<number, number[]> {
  const byStatus = new Map<number, number[]>();
  for (let code = 0; code <= HestiaExit.E_API_DISABLED; code++) {
    const status = hestiaHttpStatus(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

const exitHeader = (required: boolean, description: string): Schema => ({
  'Hestia-Exit-Code': { required, description, schema: { type: 'string', pattern: '^[0-9]+$' } },
});

const text = (description: string, example: string): Schema => ({ 'text/plain': { schema: { type: 'string', description }, example } });

function responses(): Schema {
  const out: Schema = {
    '200': {
      description: [
        'Data mode (returncode other than yes): the command output. Legacy mode prints it plus a newline, or exactly `OK` when the command printed nothing, and',
        'answers 200 even when the command failed (the body is then its `Error: ...` line or usage line). Access-key mode prints it trimmed, as application/json when',
        'it is JSON (v-list-* json), with Hestia-Exit-Code 0. Code mode (returncode=yes): the bare exit code, 0 to 21, in both modes (the header only in access-key mode).',
      ].join(' '),
      headers: exitHeader(false, 'Access-key mode only: the exit code.'),
      content: {
        'text/plain': { schema: { type: 'string' }, examples: { ok: { summary: 'legacy, no output', value: 'OK' }, code: { summary: 'returncode=yes', value: '0' }, failed: { summary: 'legacy, failed', value: "Error: user ghost doesn't exist\n" } } },
        'application/json': {
          schema: { type: 'object', description: 'A v-list-* listing: objects keyed by name, every value a string', additionalProperties: { type: 'object', additionalProperties: true } },
        },
      },
    },
    '204': { description: 'Access-key mode, data mode: the command succeeded and printed nothing.', headers: exitHeader(true, 'The exit code, 0.') },
  };
  for (const [status, codes] of codesByStatus()) {
    if (status === 200) continue;
    const named = codes.map((c) => `${c} ${EXIT_NAMES[c] ?? ''}`.trim()).join(', ');
    out[String(status)] = {
      description: `Exit code ${named}: a failed command in access-key mode, or an API-level refusal in either mode (API settings, authentication, an invalid cmd). The body is \`Error: ...\`, or the exit code with returncode=yes.`,
      headers: exitHeader(true, 'The exit code.'),
      content: text('Error: <message>, or the exit code', status === 422 ? 'Error: invalid user format :: bad!user' : status === 401 ? 'Error: authentication failed' : "Error: web domain example.com doesn't exist"),
    };
  }
  out['405'] = {
    description: 'No user, hash or access_key field in the form, and no JSON object in the body (GET requests always end here).',
    headers: exitHeader(true, 'Always 405.'),
    content: text('Fixed message', 'Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html'),
  };
  return out;
}

function requestSchema(commands: readonly PanelCommand[]): Schema {
  const args = Object.fromEntries(
    Array.from({ length: MAX_ARGS }, (_, i) => [
      `arg${i + 1}`,
      { type: 'string', description: `The command's argument ${i + 1} (see cmd). Trimmed; absent arguments close up, an empty one still counts.` },
    ]),
  );
  return {
    type: 'object',
    required: ['cmd'],
    description:
      'Read from the form (urlencoded or multipart) when it has user, hash or access_key; otherwise from a JSON object body. Authenticate with one of: user + password (the admin); hash = an API key from v-generate-api-key; hash = ACCESS_KEY:SECRET_KEY; access_key + secret_key.',
    properties: {
      user: { type: 'string', description: 'Legacy password mode: the admin user (ROOT_USER).' },
      password: { type: 'string', format: 'password', description: 'Legacy password mode: its password.' },
      hash: { type: 'string', format: 'password', description: 'Legacy key mode: a 32-character key from v-generate-api-key; or ACCESS_KEY:SECRET_KEY (20 + 40 characters), which switches to access-key mode.' },
      access_key: { type: 'string', description: 'Access-key mode: the 20-character access key id (v-add-access-key).' },
      secret_key: { type: 'string', format: 'password', description: 'Access-key mode: its 40-character secret.' },
      returncode: { type: 'string', description: 'yes: answer the bare exit code instead of the output. Any other value (including a misspelt return_code field) is data mode.', example: 'yes' },
      cmd: {
        type: 'string',
        enum: commands.map((c) => c.name),
        description: ['The v-* command to run, with its arguments (from its options line):', '', ...commands.map(commandLine)].join('\n'),
      },
      ...args,
    },
  };
}

function operation(operationId: string, summary: string): Schema {
  const body = { schema: { $ref: '#/components/schemas/PanelRequest' } };
  return {
    operationId,
    summary,
    description: [
      "HestiaCP's single API endpoint: every v-* command goes through it, named by `cmd`, with its arguments in arg1..arg13.",
      'Credentials travel in the body (see PanelRequest), so no OpenAPI security scheme applies. The dedicated TLS listener (PANEL_LISTEN_PORT) serves the same endpoint at /api/.',
      'Clients usually call it with a trailing slash (/panel/api/), which is the same endpoint.',
    ].join(' '),
    tags: ['api'],
    security: [],
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': body, 'multipart/form-data': body, 'application/json': body } },
    responses: responses(),
  };
}

/**
 * Documents Hestia's endpoint from the command table: the `cmd` enum and each command's arguments
 * come from the registered commands, the statuses from Hestia's exit-code map, so a new command or
 * code is documented without touching this file.
 */
export function addPanelPaths(doc: OpenAPIObject, commands: readonly PanelCommand[], prefix: string): void {
  const paths = doc.paths as Record<string, Schema>;
  paths[`/${prefix}/api`] = { post: operation('callApi', 'Run a v-* command') };
  paths[`/${prefix}/api/index.php`] = { post: operation('callApiIndexPhp', 'Run a v-* command (api/index.php)') };
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), PanelRequest: requestSchema(commands) };
  doc.tags = [{ name: 'api', description: 'The HestiaCP REST API endpoint' }];
}
