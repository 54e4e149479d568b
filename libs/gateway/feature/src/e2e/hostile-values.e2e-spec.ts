import { basic, call, CREDS, form, md5, startTestGateway, type TestGateway } from './test-gateway';

/**
 * Every operation each dialect documents (and every panel command), called with hostile values in
 * every parameter it documents: each call must get an answer in the dialect's own terms, never a
 * 5xx, a stack trace or a logged internal error. The values go round in a fixed order, each
 * parameter shifted against the others, so every parameter meets every value and a failure
 * reproduces.
 */
const VALUES: readonly (string | undefined)[] = [
  undefined,
  '',
  '0',
  '1',
  '-1',
  '2',
  '99999999999999999999',
  '9007199254740993',
  '-9223372036854775809',
  '1e300',
  'NaN',
  '1.5',
  '0x10',
  'null',
  'true',
  'x'.repeat(3000),
  'ü€😀',
  "'; DROP TABLE users; --",
  '../../etc/passwd',
  '\u0000',
  ' ',
  '2026-13-45',
  '*',
  'json',
  'user1',
  'example.com',
  'user1_db',
  'info',
];

interface OpenApiParameter {
  name: string;
  in: string;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: SchemaRef }> };
}
interface SchemaRef {
  $ref?: string;
  properties?: Record<string, SchemaRef>;
  enum?: string[];
}
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaRef> };
}

interface Operation {
  readonly dialect: 'billing' | 'panel' | 'project' | 'installer';
  readonly method: string;
  readonly path: string;
  readonly query: readonly string[];
  readonly body: readonly string[];
  readonly json: boolean;
  readonly fixed: Readonly<Record<string, string>>;
}

function resolve(doc: OpenApiDoc, schema: SchemaRef | undefined): SchemaRef | undefined {
  return schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
}

/** A body's field names, nested objects as PHP bracket names (vars[name]). */
function fieldNames(doc: OpenApiDoc, schema: SchemaRef | undefined): string[] {
  return Object.entries(resolve(doc, schema)?.properties ?? {}).flatMap(([name, property]) => {
    const inner = resolve(doc, property)?.properties;
    return inner ? Object.keys(inner).map((k) => `${name}[${k}]`) : [name];
  });
}

function operations(dialect: Operation['dialect'], doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'delete'].includes(method)) continue;
      const content = Object.entries(op.requestBody?.content ?? {});
      const preferred = content.find(([type]) => type.includes('urlencoded')) ?? content[0];
      const base = {
        dialect,
        method: method.toUpperCase(),
        path: path.replace('{format}', 'json'),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        json: preferred !== undefined && !preferred[0].includes('urlencoded'),
      };
      if (dialect === 'panel') {
        const commands = resolve(doc, preferred?.[1].schema)?.properties?.['cmd']?.enum ?? [];
        const args = Array.from({ length: 9 }, (_, i) => `arg${i + 1}`);
        for (const cmd of commands) out.push({ ...base, body: ['returncode', ...args], fixed: { cmd, user: CREDS.panelUser, password: CREDS.panelPassword } });
      } else {
        out.push({ ...base, body: preferred ? fieldNames(doc, preferred[1].schema) : [], fixed: {} });
      }
    }
  }
  return out;
}

/**
 * Blesta's own 500: a PHP error in a model call (a TypeError for an array argument given as a
 * string, a missing required argument) answers "An unexpected error occured." with PHP's message
 * as the response, and the billing dialect does the same on purpose. An internal failure of the
 * gateway answers that status without a message (and is logged, which the test also checks).
 */
function phpError(status: number, body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; response?: unknown };
    return status === 500 && parsed.message === 'An unexpected error occured.' && typeof parsed.response === 'string' && parsed.response !== '';
  } catch {
    return false;
  }
}

const HEADERS: Readonly<Record<Operation['dialect'], Record<string, string>>> = {
  billing: { authorization: basic(CREDS.billingUser, CREDS.billingKey) },
  panel: {},
  project: {},
  installer: { 'x-api-key': CREDS.installerKey },
};

describe('hostile values in every documented parameter', () => {
  let gw: TestGateway;
  const logged: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ LOG_LEVEL: 'error' }, undefined, { write: (line) => logged.push(line) });
    // Something for the values to find: a panel user with a web, DNS and mail domain and a
    // database, a billing client, and an installer user with a website.
    const panel = (cmd: string, ...args: string[]): Promise<unknown> =>
      call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd, ...Object.fromEntries(args.map((a, i) => [`arg${i + 1}`, a])) }));
    await panel('v-add-user', 'user1', 'Passw0rd!x', 'user1@example.com', 'default');
    await panel('v-add-web-domain', 'user1', 'example.com');
    await panel('v-add-dns-domain', 'user1', 'example.com', '192.0.2.1');
    await panel('v-add-mail-domain', 'user1', 'example.com');
    await panel('v-add-mail-account', 'user1', 'example.com', 'info', 'Passw0rd!x');
    await panel('v-add-database', 'user1', 'db', 'dbu', 'Passw0rd!x');
    await call(`${gw.url}/billing/api/clients/create.json`, {
      method: 'POST',
      headers: { ...HEADERS.billing, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'vars[username]': 'c1', 'vars[new_password]': 'c1-Passw0rd', 'vars[first_name]': 'A', 'vars[last_name]': 'B', 'vars[email]': 'c1@example.com' }).toString(),
    });
    await call(`${gw.url}/installer/users`, { method: 'POST', headers: { ...HEADERS.installer, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'user1', websites: [{ label: 'example.com' }] }) });
  });
  afterAll(() => gw.close());

  it('answers each call in its dialect, without a 5xx, a stack trace or a logged internal error', async () => {
    const ops: Operation[] = [];
    for (const dialect of ['billing', 'panel', 'project', 'installer'] as const) {
      const doc = JSON.parse((await call(`${gw.url}/openapi/${dialect}.json`)).body) as OpenApiDoc;
      ops.push(...operations(dialect, doc));
    }
    // Every dialect documents its operations, the panel one per command.
    expect(new Set(ops.map((o) => o.dialect))).toEqual(new Set(['billing', 'panel', 'project', 'installer']));
    expect(ops.filter((o) => o.dialect === 'panel').length).toBeGreaterThan(40);

    const failures: string[] = [];
    const answered = new Map<Operation['dialect'], number>();
    // round >= 0: every parameter at once, shifted against each other; alone: one query parameter
    // with each value and the others left out (so a value is not hidden behind another's error).
    const send = async (op: Operation, round: number, alone?: string): Promise<void> => {
      const value = (i: number): string | undefined => VALUES[(round + i * 7) % VALUES.length];
      let segment = 0;
      let path = op.path.replace(/\{\w+\}/g, () => encodeURIComponent((alone === undefined ? value(10 + segment++) : undefined) ?? '1'));
      const query = new URLSearchParams();
      op.query.forEach((name, i) => {
        const v = alone === undefined ? value(i + 1) : name === alone ? VALUES[round] : undefined;
        if (v !== undefined) query.append(name, v);
      });
      if (op.dialect === 'project') {
        query.set('username', CREDS.projectUser);
        query.set('password', md5(CREDS.projectPassword));
      }
      if (query.size > 0) path += `?${query.toString()}`;
      const fields: Record<string, string> = {};
      op.body.forEach((name, i) => {
        const v = alone === undefined ? value(i + 3) : undefined;
        if (v !== undefined) fields[name] = v;
      });
      Object.assign(fields, op.fixed);
      const headers: Record<string, string> = { ...HEADERS[op.dialect] };
      let body: string | undefined;
      if (op.method !== 'GET') {
        headers['content-type'] = op.json ? 'application/json' : 'application/x-www-form-urlencoded';
        body = op.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
      }
      const what = `${op.method} ${path.slice(0, 160)} ${body?.slice(0, 160) ?? ''}`;
      try {
        const r = await call(gw.url + path, { method: op.method, headers, body, signal: AbortSignal.timeout(10_000) });
        if (r.status === 200) answered.set(op.dialect, (answered.get(op.dialect) ?? 0) + 1);
        if (r.status >= 500 && !(op.dialect === 'billing' && phpError(r.status, r.body))) failures.push(`${r.status} ${what} -> ${r.body.slice(0, 200)}`);
        if (/\n\s+at |node_modules|\.ts:\d+/.test(r.body)) failures.push(`stack trace: ${what}`);
      } catch (e) {
        failures.push(`${e instanceof Error ? e.name : String(e)}: ${what}`);
      }
    };
    const queue = VALUES.flatMap((_, round) => ops.flatMap((op) => [() => send(op, round), ...op.query.map((name) => () => send(op, round, name))]));
    const workers = Array.from({ length: 8 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    });
    await Promise.all(workers);

    expect(failures).toEqual([]);
    // The calls reached the operations: every dialect answered hundreds of them with success.
    for (const dialect of ['billing', 'panel', 'project', 'installer'] as const) expect({ dialect, ok: (answered.get(dialect) ?? 0) > 100 }).toEqual({ dialect, ok: true });
    expect(logged.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  }, 240_000);
});
