import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@hostgate/shared/config';
import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { runCli } from '../lib/cli/cli';
import { installer } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { call, CREDS, startTestGateway, testEnv, type TestGateway } from './test-gateway';

describe('installer: the CLI form and v1 (cmd=) compatibility', () => {
  let db: TestDatabase;
  let gw: TestGateway;
  const lines: { out: string[]; err: string[] } = { out: [], err: [] };
  const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };
  const cli = async (...argv: string[]) => {
    lines.out.length = 0;
    lines.err.length = 0;
    const code = await runCli(['installer-api', ...argv], loadConfig(testEnv(db)), io);
    return { code, json: lines.out.length ? (JSON.parse(lines.out[0]) as Record<string, unknown>) : undefined };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    gw = await startTestGateway({}, db);
  });
  afterAll(async () => {
    await gw.close();
    await db.dispose();
  });

  describe('installer-api <command> [--param=value ...]', () => {
    it('prints the same JSON the HTTP API answers', async () => {
      const made = await cli('--http-method=POST', '/users', '--id=cliuser', '--email=cli@example.com', '--websites[0][label]=cli.example');
      expect(made.code).toBe(0);
      expect(made.json).toMatchObject({ result: true, status: 200, data: { id: 'cliuser', websites: [expect.objectContaining({ label: 'cli.example' })] } });
      const viaCli = await cli('/users/cliuser');
      const viaHttp = await installer(gw, 'GET', '/users/cliuser');
      expect(viaCli.json).toEqual(viaHttp.body);
      const list = await cli('users', '--limit=1');
      expect(list.json).toEqual((await installer(gw, 'GET', '/users', { limit: 1 })).body);
    });

    it('installs (also in the background, waiting for its job) and the gateway sees the install', async () => {
      const r = await cli('POST', '/browser/wordpress/install', '--user=cliuser', '--url=https://cli.example/blog/', '--login=admin123', '--passwd=password123', '--email=a@cli.example', '--sitetitle=My Blog');
      expect(r.code).toBe(0);
      const id = (r.json?.['data'] as { id: string }).id;
      expect((await installer(gw, 'GET', `/installs/${id}`)).body.data).toMatchObject({ title: 'My Blog', status: 'installed' });
      const bg = await cli('POST', '/browser/joomla/install', '--user=cliuser', '--url=https://cli.example/j', '--background=1', `--login=${WP_FIELDS.login}`, `--passwd=${WP_FIELDS.passwd}`, `--email=${WP_FIELDS.email}`);
      const task = (bg.json?.['data'] as { task: string }).task;
      expect((await installer(gw, 'GET', `/tasks/${task}`)).body.data).toMatchObject({ status: 'completed' });
      expect(existsSync(join(db.settings.dataDir, 'home', 'cliuser', 'web', 'cli.example', 'public_html', 'j', 'configuration.php'))).toBe(true);
    });

    it('answers errors in the envelope with exit code 1, bad usage with 2', async () => {
      const r = await cli('POST', '/browser/nope/install', '--user=cliuser', '--url=https://cli.example/');
      expect(r.code).toBe(1);
      expect(r.json).toMatchObject({ result: false, status: 404, errcode: 'application_not_found' });
      expect((await cli('POST', '/browser/wordpress/install', '--url=https://cli.example/')).json).toMatchObject({ status: 400, errcode: 'empty_argument_user', errfield: 'user' });
      expect((await cli('/no/such/command')).json).toMatchObject({ status: 404, errcode: 'invalid_command' });
      expect((await cli()).code).toBe(2);
      expect(lines.err.join('\n')).toContain('installer-api');
      expect((await cli('--websites={bad', '/users')).code).toBe(2);
    });
  });

  describe('v1 requests (api=json, cmd=, key in the body)', () => {
    const v1 = async (fields: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const r = await call(`${gw.url}/installer/`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ api: 'json', key: CREDS.installerKey, ...fields }) });
      return { status: r.status, body: JSON.parse(r.body) as Record<string, unknown> };
    };

    beforeAll(async () => {
      await userWithSites(gw, 'vone', ['vone.example']);
    });

    it('cmd=install answers {result, message, data} and, backgrounded, the task', async () => {
      const sync = await v1({ cmd: 'install', application: 'wordpress', user: 'vone', url: 'http://vone.example/', ...WP_FIELDS });
      expect(sync.status).toBe(200);
      expect(Object.keys(sync.body).sort()).toEqual(['data', 'message', 'result']);
      expect(sync.body).toMatchObject({ result: true, data: { installer: 'wordpress', url: 'http://vone.example' } });
      // The WHMCS module's form: urlencoded, background=yes.
      const form = new URLSearchParams({ api: 'json', key: CREDS.installerKey, cmd: 'install', application: 'drupal', user: 'vone', url: 'http://vone.example/d', background: 'yes', ...WP_FIELDS });
      const bg = await call(`${gw.url}/installer/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      const body = JSON.parse(bg.body) as { result: boolean; task: string };
      expect(bg.status).toBe(200);
      expect(body).toMatchObject({ result: true, task: expect.any(String) });
    });

    it('a failure is result false (HTTP 200), as v1 clients test it', async () => {
      const r = await v1({ cmd: 'install', application: 'wordpress', user: 'vone', url: 'http://vone.example/', ...WP_FIELDS });
      expect(r).toMatchObject({ status: 200, body: { result: false, errcode: 'invalid_argument_url_alreadyexists' } });
      expect(String(r.body['message'])).toContain('already installed');
      expect((await v1({ cmd: 'frobnicate' })).body).toMatchObject({ result: false, errcode: 'invalid_command' });
      // A name no user can have (a NUL in it) is v1's failure too, not the v2 envelope and status, on both databases.
      const refused = await v1({ cmd: 'installs', user: 'v\u0000one' });
      expect({ status: refused.status, result: refused.body['result'], keys: Object.keys(refused.body).sort() }).toEqual({ status: 200, result: false, keys: ['data', 'errcode', 'message', 'result'] });
    });

    it('lists installs, edits a user’s websites, hands out a login URL and uninstalls', async () => {
      const listed = await v1({ cmd: 'installs', user: 'vone' });
      const installs = listed.body['data'] as Array<{ id: string; installer: string }>;
      expect(installs.map((i) => i.installer).sort()).toEqual(['drupal', 'wordpress']);
      const user = await v1({ cmd: 'user', user: 'vone', websites: [{ label: 'vone.example' }, { label: 'two.vone.example' }] });
      expect(user.body).toMatchObject({ result: true, data: { id: 'vone', websites: [expect.objectContaining({ label: 'vone.example' }), expect.objectContaining({ label: 'two.vone.example' })] } });
      const login = await v1({ cmd: 'guixfer', user: 'vone' });
      expect(login.body['data']).toMatch(/\/installer\/sso\/[0-9a-f]{48}$/);
      const wp = installs.find((i) => i.installer === 'wordpress') as { id: string };
      expect((await v1({ cmd: 'uninstall', id: wp.id })).body).toMatchObject({ result: true });
      expect((await installer(gw, 'GET', `/installs/${wp.id}`)).status).toBe(404);
    });

    it('with X-API-Version: 2.0 a cmd= request gets the v2 envelope and status', async () => {
      const r = await v1({ cmd: 'installs', id: 'wordpress-000000000000' }, { 'x-api-version': '2.0' });
      expect(r).toEqual({ status: 404, body: expect.objectContaining({ result: false, status: 404, errcode: 'install_not_found', errfield: null }) });
      const q = await call(`${gw.url}/installer/?api=json&cmd=browser&api_version=2.0&key=${CREDS.installerKey}`);
      expect(JSON.parse(q.body)).toMatchObject({ result: true, status: 200, total_count: expect.any(Number) });
    });
  });
});
