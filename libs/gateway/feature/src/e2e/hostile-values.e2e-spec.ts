import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { basic, call, CREDS, form, md5, startTestGateway, type TestGateway } from './test-gateway';

/**
 * Every operation each dialect documents (and every panel command), called with hostile values in
 * every parameter it documents: each call must get an answer in the dialect's own terms, never a
 * 5xx, a stack trace or a logged internal error, and every JSON answer must be what the operation's
 * OpenAPI document says for its status (what a generated client decodes it with). The values go round in a fixed order, each
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

/** Values of the wrong JSON type for a JSON body (what a generated client or a script may send). */
const TYPED: readonly unknown[] = [[], {}, 0, -1, 1.5, 1e308, 1e20, true, false, null, ['user1'], { a: 'b' }, [[[]]], 'user1', '', { toString: 'x', __proto__: { a: 1 } }];

interface OpenApiParameter {
  name: string;
  in: string;
}
interface OpenApiResponse {
  content?: Record<string, { schema?: object }>;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: SchemaRef }> };
  responses?: Record<string, OpenApiResponse>;
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
  /** The operation also takes a JSON body. */
  readonly takesJson: boolean;
  readonly fixed: Readonly<Record<string, string>>;
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
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
        takesJson: content.some(([type]) => type.includes('json')),
        responses: op.responses ?? {},
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

/** Checks answers against the documents: each dialect's components under `{dialect}.json`. */
class ResponseContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: false });
  private readonly compiled = new Map<object, ValidateFunction>();
  checked = 0;

  constructor(docs: Readonly<Record<string, OpenApiDoc>>) {
    addFormats(this.ajv);
    for (const [dialect, doc] of Object.entries(docs)) this.ajv.addSchema({ $id: `${dialect}.json`, components: doc.components ?? {} });
  }

  /** What is wrong with the answer, or undefined when the document describes it. */
  problem(op: Operation, status: number, contentType: string | null, body: string): string | undefined {
    const response = op.responses[String(status)] ?? op.responses['default'];
    if (!response) return `status ${status} is not documented`;
    const type = (contentType ?? '').split(';')[0].trim();
    if (!type.includes('json')) return undefined;
    const media = response.content?.[type];
    if (!media) return `${type} is not documented for status ${status}`;
    if (!media.schema) return undefined;
    let validate = this.compiled.get(media.schema);
    if (!validate) {
      const schema = JSON.parse(JSON.stringify(media.schema).replace(/"#\/components\//g, `"${op.dialect}.json#/components/`)) as object;
      validate = this.ajv.compile(schema);
      this.compiled.set(media.schema, validate);
    }
    this.checked++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return 'the body is not JSON';
    }
    return validate(parsed) ? undefined : this.ajv.errorsText(validate.errors);
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
    // Billing rows of every kind, id 1 each (the values include '1'), so each documented row type
    // meets a real row: a client, a tax rule, an invoice taxed by it, a payment applied to it, a
    // hosting package and a service of it.
    const billing = async (path: string, fields: Record<string, string>): Promise<void> => {
      const r = await call(`${gw.url}/billing/api/${path}`, { method: 'POST', headers: { ...HEADERS.billing, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
      expect({ path, status: r.status }).toEqual({ path, status: 200 });
    };
    await billing('clients/create.json', { 'vars[username]': 'c1', 'vars[new_password]': 'c1-Passw0rd', 'vars[first_name]': 'A', 'vars[last_name]': 'B', 'vars[email]': 'c1@example.com' });
    await billing('taxes/add.json', { 'vars[level]': '1', 'vars[name]': 'Sales tax', 'vars[amount]': '10' });
    await billing('invoices/add.json', {
      'vars[client_id]': '1',
      'vars[date_billed]': '2026-11-01',
      'vars[date_due]': '2026-11-15',
      'vars[currency]': 'USD',
      'vars[lines][0][description]': 'Hosting',
      'vars[lines][0][qty]': '1',
      'vars[lines][0][amount]': '20',
      'vars[lines][0][tax]': 'true',
      'vars[delivery][0]': 'email',
    });
    await billing('transactions/add.json', { 'vars[client_id]': '1', 'vars[amount]': '5', 'vars[currency]': 'USD' });
    await billing('transactions/apply.json', { transaction_id: '1', 'vars[amounts][0][invoice_id]': '1', 'vars[amounts][0][amount]': '5' });
    await billing('packages/add.json', { 'vars[name]': 'Web', 'vars[module]': 'hosting', 'vars[meta][package]': 'default', 'vars[pricing][0][term]': '1', 'vars[pricing][0][period]': 'month', 'vars[pricing][0][price]': '4.99', 'vars[pricing][0][currency]': 'USD' });
    await billing('services/add.json', { 'vars[pricing_id]': '1', 'vars[client_id]': '1', 'vars[status]': 'active', 'vars[use_module]': 'true', 'vars[username]': 'svcuser', 'vars[password]': 'Hosting-Pass1', 'vars[domain]': 'svc.example' });
    await call(`${gw.url}/installer/users`, { method: 'POST', headers: { ...HEADERS.installer, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'user1', websites: [{ label: 'example.com' }] }) });
  });
  afterAll(() => gw.close());

  it('answers billing rows of every kind as their documented schemas say', async () => {
    const doc = JSON.parse((await call(`${gw.url}/openapi/billing.json`)).body) as OpenApiDoc;
    const contract = new ResponseContract({ billing: doc });
    const ops = operations('billing', doc);
    const reads = [
      'users/get?user_id=1',
      'clients/get?client_id=1',
      'clients/getList',
      'contacts/get?contact_id=1',
      'contacts/getAll?client_id=1',
      'companies/get?company_id=1',
      'companies/getSettings?company_id=1',
      'currencies/get?currency_code=USD&company_id=1',
      'taxes/get?tax_id=1',
      'invoices/get?invoice_id=1',
      'invoices/getList?client_id=1&status=open',
      'invoices/getListCount?client_id=1&status=open',
      'transactions/get?transaction_id=1',
      'transactions/getApplied?transaction_id=1',
      'packages/get?package_id=1',
      'services/get?service_id=1',
      'services/getList?client_id=1',
    ];
    for (const read of reads) {
      const [name, query] = read.split('?');
      const op = ops.find((o) => o.path === `/billing/api/${name}.json`);
      const r = await call(`${gw.url}/billing/api/${name}.json${query ? `?${query}` : ''}`, { headers: HEADERS.billing });
      const response = (JSON.parse(r.body) as { response: unknown }).response;
      const found = Array.isArray(response) ? response.length > 0 : response !== false && response !== null && response !== 0;
      // The document types `response` (a generated client gets the row's fields, not unknown).
      const documented = (op?.responses['200']?.content?.['application/json']?.schema as { properties?: { response?: object } } | undefined)?.properties?.response ?? {};
      const typed = ['type', 'oneOf', 'allOf'].some((k) => k in documented);
      expect({ read, status: r.status, found, typed, problem: op && contract.problem(op, r.status, r.headers.get('content-type'), r.body) }).toEqual({ read, status: 200, found: true, typed: true, problem: undefined });
    }
  });

  it('answers each call in its dialect, without a 5xx, a stack trace or a logged internal error', async () => {
    const ops: Operation[] = [];
    const docs: Record<string, OpenApiDoc> = {};
    for (const dialect of ['billing', 'panel', 'project', 'installer'] as const) {
      docs[dialect] = JSON.parse((await call(`${gw.url}/openapi/${dialect}.json`)).body) as OpenApiDoc;
      ops.push(...operations(dialect, docs[dialect]));
    }
    const contract = new ResponseContract(docs);
    // The check itself: an answer that differs from its document is caught.
    const usersGet = ops.find((o) => o.dialect === 'installer' && o.method === 'GET' && o.path === '/installer/users');
    expect(usersGet && contract.problem(usersGet, 200, 'application/json', '{"result":"yes"}')).toEqual(expect.stringContaining('must'));
    // Every dialect documents its operations, the panel one per command.
    expect(new Set(ops.map((o) => o.dialect))).toEqual(new Set(['billing', 'panel', 'project', 'installer']));
    expect(ops.filter((o) => o.dialect === 'panel').length).toBeGreaterThan(40);

    const failures: string[] = [];
    const answered = new Map<Operation['dialect'], number>();
    // round >= 0: every parameter at once, shifted against each other; alone: one query parameter
    // with each value and the others left out (so a value is not hidden behind another's error).
    const send = async (op: Operation, round: number, alone?: string, typed?: boolean): Promise<void> => {
      const value = (i: number): string | undefined => VALUES[(round + i * 7) % VALUES.length];
      let segment = 0;
      // An empty segment would name another operation (/users/ is the list), so it gets '1' too.
      let path = op.path.replace(/\{\w+\}/g, () => encodeURIComponent((alone === undefined ? value(10 + segment++) : undefined) || '1'));
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
      if (typed) {
        const values: Record<string, unknown> = {};
        op.body.forEach((name, i) => (values[name.replace(/\[.*$/, '')] = TYPED[(round + i * 3) % TYPED.length]));
        headers['content-type'] = 'application/json';
        body = JSON.stringify({ ...values, ...op.fixed });
      } else if (op.method !== 'GET') {
        headers['content-type'] = op.json ? 'application/json' : 'application/x-www-form-urlencoded';
        body = op.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
      }
      const what = `${op.method} ${path.slice(0, 160)} ${body?.slice(0, 160) ?? ''}`;
      try {
        const r = await call(gw.url + path, { method: op.method, headers, body, signal: AbortSignal.timeout(10_000) });
        if (r.status === 200) answered.set(op.dialect, (answered.get(op.dialect) ?? 0) + 1);
        if (r.status >= 500 && !(op.dialect === 'billing' && phpError(r.status, r.body))) failures.push(`${r.status} ${what} -> ${r.body.slice(0, 200)}`);
        if (/\n\s+at |node_modules|\.ts:\d+/.test(r.body)) failures.push(`stack trace: ${what}`);
        // A request line and headers over Node's 16 KiB are refused before any routing (431), as a
        // web server in front of the products refuses an over-long request line.
        if (r.status === 431) return;
        const wrong = contract.problem(op, r.status, r.headers.get('content-type'), r.body);
        if (wrong !== undefined) failures.push(`not as documented (${wrong}): ${r.status} ${what} -> ${r.body.slice(0, 200)}`);
      } catch (e) {
        failures.push(`${e instanceof Error ? e.name : String(e)}: ${what}`);
      }
    };
    const queue = [
      ...VALUES.flatMap((_, round) => ops.flatMap((op) => [() => send(op, round), ...op.query.map((name) => () => send(op, round, name))])),
      ...TYPED.flatMap((_, round) => ops.filter((op) => op.takesJson && op.method !== 'GET').map((op) => () => send(op, round, undefined, true))),
    ];
    const workers = Array.from({ length: 8 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    });
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(contract.checked).toBeGreaterThan(5000);
    // The calls reached the operations: every dialect answered hundreds of them with success.
    for (const dialect of ['billing', 'panel', 'project', 'installer'] as const) expect({ dialect, ok: (answered.get(dialect) ?? 0) > 100 }).toEqual({ dialect, ok: true });
    expect(logged.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  }, 240_000);
});
