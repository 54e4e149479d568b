import { request as httpsRequest } from 'node:https';
import { stringify } from 'node:querystring';
import { CREDS, startTestGateway, type TestGateway } from './test-gateway';

/** What the seed's PHP (cURL, peer verification off) and NodeJS (axios + querystring) examples send. */
function post(url: string, fields: Record<string, string | undefined>): Promise<string> {
  // PHP's http_build_query drops null fields (the API-key example passes an undefined $name).
  const body = stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe("the seed's PHP and NodeJS examples, against the dedicated TLS listener (https://HOST:PORT/api/)", () => {
  let gw: TestGateway;
  let api: string;
  const admin = { user: CREDS.panelUser, password: CREDS.panelPassword };

  beforeAll(async () => {
    gw = await startTestGateway({ PANEL_LISTEN_PORT: '0' });
    api = `${gw.panelUrl ?? ''}/api/`;
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

  it('Add Web/DNS/Mail Domain: answers 0', async () => {
    expect(await post(api, { ...admin, returncode: 'yes', cmd: 'v-add-domain', arg1: 'demo', arg2: 'demo.hestiacp.com' })).toBe('0');
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
