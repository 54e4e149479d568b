import { loadConfig } from '@hostgate/shared/config';
import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { runCli } from '../lib/cli/cli';
import { basic, call, CREDS, startTestGateway, testEnv, type TestGateway } from './test-gateway';

/**
 * The seed's command-line form, `php index.php api/users/get.json -u USER -k KEY -m GET -p
 * "user_id=1"`, as `hostgate billing-api ...`: it runs in-process on the configured database and
 * prints exactly the body the HTTP API answers.
 */
describe('billing-api command (Blesta CLI form)', () => {
  let db: TestDatabase;
  let gw: TestGateway;
  const lines: { out: string[]; err: string[] } = { out: [], err: [] };
  const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };
  const AUTH = basic(CREDS.billingUser, CREDS.billingKey);
  const cli = async (...argv: string[]): Promise<{ code: number; out: string }> => {
    lines.out.length = 0;
    lines.err.length = 0;
    const code = await runCli(['billing-api', ...argv], loadConfig(testEnv(db)), io);
    return { code, out: lines.out.join('\n') };
  };
  const http = (path: string, init: RequestInit = {}) => call(`${gw.url}/billing/${path}`, { ...init, headers: { authorization: AUTH, ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    db = await createTestDatabase();
    gw = await startTestGateway({}, db);
  });
  afterAll(async () => {
    await gw.close();
    await db.dispose();
  });

  it('the seed example prints the same body as HTTP users/get', async () => {
    const r = await cli('api/users/get.json', '-u', CREDS.billingUser, '-k', CREDS.billingKey, '-m', 'GET', '-p', 'user_id=1');
    expect(r.code).toBe(0);
    expect(r.out).toBe((await http('api/users/get.json?user_id=1')).body);
    // Long option names and a resource without "api/" work too.
    const long = await cli('users/get.xml', '-user', CREDS.billingUser, '-key', CREDS.billingKey, '-method', 'GET', '-params', 'user_id=1');
    expect(long.out).toBe((await http('api/users/get.xml?user_id=1')).body);
  });

  it('POST writes to the same database: clients/create then HTTP sees the client; invoices/add with the seed lines', async () => {
    const created = await cli(
      'api/clients/create.json',
      '-u',
      CREDS.billingUser,
      '-k',
      CREDS.billingKey,
      '-m',
      'POST',
      '-p',
      'vars[username]=cli-ann&vars[new_password]=secret-1&vars[first_name]=Ann&vars[last_name]=Lee&vars[email]=ann%40example.com',
    );
    expect(created.code).toBe(0);
    const client = (JSON.parse(created.out) as { response: { id: string } }).response;
    expect((await http(`api/clients/get.json?client_id=${client.id}`)).body).toContain('"email":"ann@example.com"');
    const params = [
      `vars[client_id]=${client.id}`,
      'vars[date_billed]=2013-11-20T16%3A43%3A00-07%3A00',
      'vars[date_due]=2013-11-20T16%3A43%3A00-07%3A00',
      'vars[currency]=USD',
      'vars[lines][0][description]=Line+item+%231',
      'vars[lines][0][amount]=5.99',
      'vars[lines][1][description]=Line+item+%232',
      'vars[lines][1][amount]=3.75',
      'vars[lines][1][qty]=2',
      'vars[delivery][0]=email',
    ].join('&');
    const added = await cli('api/invoices/add.php', '-u', CREDS.billingUser, '-k', CREDS.billingKey, '-m', 'POST', '-p', params);
    expect(added.code).toBe(0);
    const id = /s:8:"response";s:\d+:"(\d+)";/.exec(added.out)?.[1];
    expect(id).toBeDefined();
    const viaCli = await cli(`api/invoices/get.json`, '-u', CREDS.billingUser, '-k', CREDS.billingKey, '-p', `invoice_id=${id ?? ''}`);
    expect(viaCli.out).toBe((await http(`api/invoices/get.json?invoice_id=${id ?? ''}`)).body);
    expect(JSON.parse(viaCli.out)).toMatchObject({ response: { subtotal: '13.4900', total: '13.4900', due: '13.4900' } });
  });

  it.each([
    ['a bad key (401)', ['api/users/get.json', '-u', CREDS.billingUser, '-k', 'wrong', '-p', 'user_id=1'], 'api/users/get.json?user_id=1', { authorization: basic(CREDS.billingUser, 'wrong') }],
    ['an unknown model (404)', ['api/nothing/get.xml', '-u', CREDS.billingUser, '-k', CREDS.billingKey], 'api/nothing/get.xml', {}],
    ['a path trick in the model (404)', ['api/..%2f..%2fusers/get.json', '-u', CREDS.billingUser, '-k', CREDS.billingKey], 'api/..%2f..%2fusers/get.json', {}],
    ['an unsupported format (415)', ['api/users/get.yaml', '-u', CREDS.billingUser, '-k', CREDS.billingKey], 'api/users/get.yaml', {}],
    ['a missing parameter (500)', ['api/users/get.php', '-u', CREDS.billingUser, '-k', CREDS.billingKey, '-m', 'GET'], 'api/users/get.php', {}],
  ])('%s answers the same body as HTTP, exit code 1', async (_name, argv, path, headers) => {
    const r = await cli(...argv);
    const h = await http(path, { headers });
    expect(h.status).not.toBe(200);
    expect(r.code).toBe(1);
    expect(r.out).toBe(h.body);
  });

  it('an id no integer column holds is no such user on both databases (Blesta’s false), in the CLI as over HTTP', async () => {
    const r = await cli('api/users/get.json', '-u', CREDS.billingUser, '-k', CREDS.billingKey, '-p', 'user_id=99999999999');
    const h = await http('api/users/get.json?user_id=99999999999');
    expect({ status: h.status, body: h.body }).toEqual({ status: 200, body: '{"response":false}' });
    expect(r.out).toBe(h.body);
  });

  it('a value PostgreSQL cannot store prints what HTTP answers, not the CLI’s own 500', async () => {
    // A NUL in a new username: SQLite (like Blesta's MySQL) stores it; PostgreSQL refuses the
    // value, which is the client's invalid input.
    const add = (name: string) => ['api/users/add.json', '-u', CREDS.billingUser, '-k', CREDS.billingKey, '-m', 'POST', '-p', `vars[username]=${name}&vars[new_password]=secret-12`];
    const r = await cli(...add('nul%00cli'));
    const h = await http('api/users/add.json', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'vars[username]=nul%00http&vars[new_password]=secret-12' });
    if (db.kind === 'sqlite') {
      expect(h.status).toBe(200);
      expect(r.out).toMatch(/^\{"response":"\d+"\}$/);
    } else {
      expect(h.status).toBe(400);
      expect(JSON.parse(h.body)).toMatchObject({ errors: { id: { format: 'A value given is out of range or not valid.' } } });
      expect(r.out).toBe(h.body);
    }
  });

  it('a validation error (400) lists every failing field, as HTTP does', async () => {
    const params = 'vars[client_id]=999&vars[date_billed]=someday&vars[currency]=XYZ';
    const r = await cli('api/invoices/add.xml', '-u', CREDS.billingUser, '-k', CREDS.billingKey, '-m', 'POST', '-p', params);
    const h = await http('api/invoices/add.xml', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params });
    expect(h.status).toBe(400);
    expect(r.code).toBe(1);
    expect(r.out).toBe(h.body);
    expect(r.out).toContain('<client_id>');
  });

  it('bad usage exits 2 with the usage text', async () => {
    expect((await cli('-u', 'x', '-k', 'y')).code).toBe(2);
    expect(lines.err.join('\n')).toContain('billing-api [api/]MODEL/METHOD.FORMAT');
    expect((await cli('api/users/get.json', '-m', 'PATCH')).code).toBe(2);
    expect((await cli('api/users/get.json', '-z', '1')).code).toBe(2);
  });
});
