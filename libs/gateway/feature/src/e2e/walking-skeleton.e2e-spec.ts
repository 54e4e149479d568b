import { DataSource } from 'typeorm';
import { UserEntity } from '@hostgate/shared/persistence';
import { basic, call, CREDS, form, md5, startTestGateway, type TestGateway } from './test-gateway';

describe('walking skeleton: one authenticated call per dialect, in process', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
    await gw.app.get(DataSource).getRepository(UserEntity).insert({ username: 'ann', password: 'scrypt$not-used' });
  });
  afterAll(() => gw.close());

  describe('billing (Blesta)', () => {
    const auth = { authorization: basic(CREDS.billingUser, CREDS.billingKey) };

    it('GET users/get.json returns the user with ids as strings', async () => {
      const r = await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: auth });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('application/json');
      const body = JSON.parse(r.body) as { response: Record<string, string> };
      expect(body.response).toMatchObject({ id: '1', username: 'ann', two_factor_mode: 'none' });
      expect(body.response['date_added']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(body.response).not.toHaveProperty('password');
    });

    it('accepts the BLESTA-API-USER / BLESTA-API-KEY headers too', async () => {
      const r = await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { 'BLESTA-API-USER': CREDS.billingUser, 'BLESTA-API-KEY': CREDS.billingKey } });
      expect(r.status).toBe(200);
    });

    it('answers a missing user with 200 {"response":false}, as Blesta does', async () => {
      const r = await call(`${gw.url}/billing/api/users/get.json?user_id=999`, { headers: auth });
      expect(r.status).toBe(200);
      expect(r.body).toBe('{"response":false}');
    });

    it('encodes the same result as Blesta XML and as PHP serialize()', async () => {
      const xml = await call(`${gw.url}/billing/api/users/get.xml?user_id=1`, { headers: auth });
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-type')).toContain('application/xml');
      expect(xml.body.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n<users>\n\t<response>\n\t\t<id>1</id>\n\t\t<username>ann</username>')).toBe(true);
      const php = await call(`${gw.url}/billing/api/users/get.php?user_id=1`, { headers: auth });
      expect(php.status).toBe(200);
      expect(php.body.startsWith('a:1:{s:8:"response";O:8:"stdClass":4:{s:2:"id";s:1:"1";s:8:"username";s:3:"ann";')).toBe(true);
    });

    it('401 for a wrong key, in the envelope Blesta sends (message, errors, response)', async () => {
      const r = await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic(CREDS.billingUser, 'wrong') } });
      expect(r.status).toBe(401);
      // Blesta's controller adds the ApiKeys error and response:null to the seed's shorter example.
      expect(JSON.parse(r.body)).toEqual({
        message: 'The authorization details given appear to be invalid.',
        errors: { user: { valid: 'The API user or key appears to be invalid.' } },
        response: null,
      });
    });

    it('404 for an unknown model or method, 415 for an unknown format', async () => {
      const model = await call(`${gw.url}/billing/api/nosuchmodel/get.json`, { headers: auth });
      expect(model.status).toBe(404);
      expect(JSON.parse(model.body)).toEqual({ message: 'The requested resource does not exist.', response: null });
      const method = await call(`${gw.url}/billing/api/users/nosuchmethod.json`, { headers: auth });
      expect(method.status).toBe(404);
      const format = await call(`${gw.url}/billing/api/users/get.yaml?user_id=1`, { headers: auth });
      expect(format.status).toBe(415);
      expect(JSON.parse(format.body)).toEqual({ message: 'The format requested is not supported by the server.', response: null });
    });

    it('checks the resource before the credentials, as Blesta does', async () => {
      const r = await call(`${gw.url}/billing/api/users/get.yaml`, { headers: { authorization: basic('x', 'y') } });
      expect(r.status).toBe(415);
      expect(JSON.parse(r.body)).toMatchObject({ errors: { user: { valid: 'The API user or key appears to be invalid.' } } });
    });

    it('500 "Failed to retrieve the default value" when a required parameter is missing', async () => {
      const r = await call(`${gw.url}/billing/api/users/get.json`, { headers: auth });
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toEqual({ message: 'An unexpected error occured.', response: 'Internal error: Failed to retrieve the default value' });
    });

    it('also answers under /index.php/api for servers without rewriting', async () => {
      const r = await call(`${gw.url}/billing/index.php/api/users/get.json?user_id=1`, { headers: auth });
      expect(r.status).toBe(200);
    });
  });

  describe('panel (HestiaCP)', () => {
    const admin = { user: CREDS.panelUser, password: CREDS.panelPassword };

    it('v-list-users json lists the admin with every value a string', async () => {
      const r = await call(`${gw.url}/panel/api/`, form({ ...admin, cmd: 'v-list-users', arg1: 'json' }));
      expect(r.status).toBe(200);
      const users = JSON.parse(r.body) as Record<string, Record<string, unknown>>;
      expect(Object.keys(users)).toEqual([CREDS.panelUser]);
      expect(users[CREDS.panelUser]['ROLE']).toBe('admin');
      expect(users[CREDS.panelUser]['PACKAGE']).toBe('default');
      expect(Object.values(users[CREDS.panelUser]).every((v) => typeof v === 'string')).toBe(true);
      expect(Object.keys(users[CREDS.panelUser]).slice(0, 3)).toEqual(['NAME', 'PACKAGE', 'WEB_TEMPLATE']);
      expect(r.body.endsWith('\n')).toBe(true);
    });

    it('also reads a JSON body, and /api/index.php', async () => {
      const r = await call(`${gw.url}/panel/api/index.php`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...admin, cmd: 'v-list-users', arg1: 'list' }),
      });
      expect(r.status).toBe(200);
      expect(r.body).toBe(`${CREDS.panelUser}\n`);
    });

    it('returncode=yes answers the bare exit code', async () => {
      const r = await call(`${gw.url}/panel/api/`, form({ ...admin, cmd: 'v-list-users', arg1: 'json', returncode: 'yes' }));
      expect(r.status).toBe(200);
      expect(r.body).toBe('0');
    });

    it('a wrong password answers exit code 9', async () => {
      const coded = await call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: 'nope', cmd: 'v-list-users', returncode: 'yes' }));
      expect(coded.body).toBe('9');
      expect(coded.status).toBe(401);
      expect(coded.headers.get('hestia-exit-code')).toBe('9');
      const text = await call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: 'nope', cmd: 'v-list-users' }));
      expect(text.body).toBe('Error: authentication failed');
    });

    it('a request without credentials or data gets Hestia 405', async () => {
      const r = await call(`${gw.url}/panel/api/`);
      expect(r.status).toBe(405);
      expect(r.headers.get('hestia-exit-code')).toBe('405');
      expect(r.body).toBe('Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html');
    });

    it('an unknown path under /panel is answered by the panel, not a framework 404', async () => {
      const r = await call(`${gw.url}/panel/nowhere`);
      expect(r.status).toBe(405);
      expect(r.headers.get('hestia-exit-code')).toBe('405');
    });
  });

  describe('project (wbTeamPro)', () => {
    const q = `username=${CREDS.projectUser}&password=${md5(CREDS.projectPassword)}`;

    it('GET api.php/v1/api/resources/json answers the {request, response} envelope', async () => {
      const r = await call(`${gw.url}/project/api.php/v1/api/resources/json?${q}`);
      expect(r.status).toBe(200);
      const body = JSON.parse(r.body) as { request: Record<string, unknown>; response: { data: Record<string, unknown>; resources: unknown[] } };
      expect(body.request).toEqual({ action: 'api/resources', method: 'GET', format: 'json', code: 200, message: 'Success' });
      expect(body.response.data).toMatchObject({ total: body.response.resources.length, page: 1 });
      expect(body.response.resources).toContainEqual({ method: 'findResources', resource: 'api.resources', description: 'Return the API Resource List' });
    });

    it('works with the action parameter and under the product path', async () => {
      const a = await call(`${gw.url}/project/api.php?action=v1.api.resources.json&${q}`);
      expect(a.status).toBe(200);
      const b = await call(`${gw.url}/project/modules/addons/wbteampro/api/v1/api/resources/json?${q}`);
      expect(b.status).toBe(200);
      expect(JSON.parse(b.body)).toEqual(JSON.parse(a.body));
    });

    it('refuses a wrong password in the envelope', async () => {
      const r = await call(`${gw.url}/project/api.php/v1/api/resources/json?username=${CREDS.projectUser}&password=${md5('wrong')}`);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ request: { action: 'api/resources', method: 'GET', format: 'json', code: 403, message: 'Permission Denied' }, response: {} });
    });
  });

  describe('installer (Installatron)', () => {
    it('GET /installer/users lists the panel accounts as installer users', async () => {
      const r = await call(`${gw.url}/installer/users`, { headers: { 'x-api-key': CREDS.installerKey, accept: 'application/json' } });
      expect(r.status).toBe(200);
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(body).toMatchObject({ result: true, status: 200, errcode: null, errfield: null, total_count: 1, has_more: false });
      expect(body['message']).toBe('The task is complete.\n');
      expect(body['data']).toEqual([expect.objectContaining({ id: CREDS.panelUser, websites: [] })]);
    });

    it('a bad key answers 403 invalid_api_key', async () => {
      const r = await call(`${gw.url}/installer/users`, { headers: { 'x-api-key': 'wrong-key' } });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ result: false, status: 403, errcode: 'invalid_api_key', errfield: null, message: 'The API key is not valid.\n', data: null });
    });

    it('an unknown path under /installer gets the installer envelope', async () => {
      const r = await call(`${gw.url}/installer/nothing-here`, { headers: { 'x-api-key': CREDS.installerKey } });
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toMatchObject({ result: false, status: 404, errcode: 'invalid_command' });
    });
  });

  describe('gateway', () => {
    it('sends X-Request-Id on every response, keeping the caller’s', async () => {
      const mine = await call(`${gw.url}/health`, { headers: { 'x-request-id': 'req-42' } });
      expect(mine.headers.get('x-request-id')).toBe('req-42');
      const err = await call(`${gw.url}/billing/api/users/get.json`);
      expect(err.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('reports liveness and readiness', async () => {
      expect((await call(`${gw.url}/health`)).status).toBe(200);
      const ready = await call(`${gw.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toEqual({ status: 'ok', database: 'up' });
    });

    it('serves one OpenAPI 3 document per dialect plus its own, and Swagger UI', async () => {
      for (const name of ['billing', 'panel', 'project', 'installer', 'gateway']) {
        const r = await call(`${gw.url}/openapi/${name}.json`);
        expect(r.status).toBe(200);
        expect((JSON.parse(r.body) as { openapi: string }).openapi).toMatch(/^3\./);
      }
      const ui = await call(`${gw.url}/docs`);
      expect([200, 301, 302]).toContain(ui.status);
    });
  });
});
