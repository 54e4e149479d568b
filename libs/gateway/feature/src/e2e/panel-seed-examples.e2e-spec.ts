import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { stringify } from 'node:querystring';
import { CREDS, startTestGateway, type TestGateway } from './test-gateway';

/** What the seed's PHP (cURL, peer verification off) and NodeJS (axios + querystring) examples send. */
function post(url: string, fields: Record<string, string | undefined>): Promise<string> {
  // PHP's http_build_query drops null fields (the API-key example passes an undefined $name).
  const body = stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
  return new Promise((resolve, reject) => {
    const options = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const onResponse = (res: import('node:http').IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    };
    const req = url.startsWith('https:') ? httpsRequest(url, { ...options, rejectUnauthorized: false }, onResponse) : httpRequest(url, options, onResponse);
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Each example runs twice: in process on the gateway's own port (http://HOST:PORT/panel/api/), and on
 * the dedicated TLS listener at the root, where the examples' https://HOST:8083/api/ lands unchanged.
 */
describe.each([
  ['in process (http://HOST:PORT/panel/api/)', (gw: TestGateway) => `${gw.url}/panel/api/`],
  ['over the dedicated TLS listener (https://HOST:PORT/api/)', (gw: TestGateway) => `${gw.panelUrl ?? ''}/api/`],
])("the seed's PHP and NodeJS examples, %s", (_where, endpoint) => {
  let gw: TestGateway;
  let api: string;
  const admin = { user: CREDS.panelUser, password: CREDS.panelPassword };

  beforeAll(async () => {
    gw = await startTestGateway({ PANEL_LISTEN_PORT: '0' });
    api = endpoint(gw);
    expect(api).toMatch(/^(http:\/\/127\.0\.0\.1:\d+\/panel|https:\/\/127\.0\.0\.1:\d+)\/api\/$/);
  });
  afterAll(() => gw.close());

  it('Create User Account: answers 0', async () => {
    const answer = await post(api, { ...admin, returncode: 'yes', cmd: 'v-add-user', arg1: 'demo', arg2: 'd3m0p4ssw0rd', arg3: 'demo@gmail.com', arg4: 'default', arg5: 'Rust', arg6: 'Cohle' });
    expect(answer).toBe('0');
  });

  it('Create user (With API key): the key from v-generate-api-key as hash, answers 0', async () => {
    const key = (await post(api, { ...admin, cmd: 'v-generate-api-key' })).trim();
    const answer = await post(api, { hash: key, returncode: 'yes', cmd: 'v-add-user', arg1: 'demo2', arg2: 'd3m0p4ssw0rd', arg3: 'demo2@gmail.com', arg4: 'default', arg5: undefined });
    expect(answer).toBe('0');
  });

  it('Create user (With API key), NodeJS: the full name in arg5, answers 0', async () => {
    const key = (await post(api, { ...admin, cmd: 'v-generate-api-key' })).trim();
    expect(await post(api, { hash: key, returncode: 'yes', cmd: 'v-add-user', arg1: 'demo3', arg2: 'd3m0p4ssw0rd', arg3: 'demo3@gmail.com', arg4: 'default', arg5: 'Rust Cohle' })).toBe('0');
    const listed = JSON.parse(await post(api, { ...admin, cmd: 'v-list-user', arg1: 'demo3', arg2: 'json' })) as Record<string, Record<string, string>>;
    expect(listed['demo3']['NAME']).toBe('Rust Cohle');
  });

  it('Add Web/DNS/Mail Domain: answers 0 (PHP: demo.hestiacp.com, NodeJS: domain.tld)', async () => {
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-add-domain', arg1: 'demo', arg2: 'demo.hestiacp.com' })).toBe('0');
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-add-domain', arg1: 'demo', arg2: 'domain.tld' })).toBe('0');
  });

  it('Create Database: the PHP example answers 0; the NodeJS one misspells the command (v-add-databse), which Hestia answers 1', async () => {
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-add-database', arg1: 'demo', arg2: 'wordpress', arg3: 'wordpress', arg4: 'wpbl0gp4s' })).toBe('0');
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-add-databse', arg1: 'demo', arg2: 'wordpress', arg3: 'wordpress', arg4: 'wpbl0gp4s' })).toBe('1');
  });

  it('List Web Domains: returncode=no gives the JSON that json_decode / axios parse', async () => {
    const answer = await post(api, { ...admin, returncode: 'no', cmd: 'v-list-web-domain', arg1: 'demo', arg2: 'demo.hestiacp.com', arg3: 'json' });
    const data = JSON.parse(answer) as Record<string, Record<string, string>>;
    expect(Object.keys(data)).toEqual(['demo.hestiacp.com']);
    expect(data['demo.hestiacp.com']['DOCUMENT_ROOT']).toBe('/home/demo/web/demo.hestiacp.com/public_html/');
  });

  it("Check Username and Password: 'OK' (PHP, returncode=no) and 0 (NodeJS, returncode=yes); a wrong one is not OK", async () => {
    expect(await post(api, { ...admin, returncode: 'no', cmd: 'v-check-user-password', arg1: 'demo', arg2: 'd3m0p4ssw0rd' })).toBe('OK');
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-check-user-password', arg1: 'demo', arg2: 'd3m0p4ssw0rd' })).toBe('0');
    expect(await post(api, { ...admin, returncode: 'no', cmd: 'v-check-user-password', arg1: 'demo', arg2: 'demopassword' })).toBe('Error: password missmatch\n');
  });

  it('Delete User Account: answers 0 (is_numeric and === "0")', async () => {
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-delete-user', arg1: 'demo' })).toBe('0');
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-list-user', arg1: 'demo' })).toBe('3');
  });
});
