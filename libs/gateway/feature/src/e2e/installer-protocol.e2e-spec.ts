import { installer } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

describe('installer protocol: keys, methods, bodies and the envelope', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ BODY_LIMIT_BYTES: '4096' });
    await userWithSites(gw, 'proto', ['proto.example']);
  });
  afterAll(() => gw.close());

  it('accepts key and key2 in X-API-Key; anything else is 403 invalid_api_key', async () => {
    const made = await call(`${gw.url}/admin/credentials`, { method: 'POST', headers: { authorization: `Bearer ${CREDS.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'installer_key', identifier: 'key2' }) });
    const key2 = (JSON.parse(made.body) as { secret: string }).secret;
    expect((await installer(gw, 'GET', '/users', {}, key2)).status).toBe(200);
    expect((await installer(gw, 'GET', '/users', {}, CREDS.installerKey)).status).toBe(200);
    const bad = await installer(gw, 'GET', '/users', {}, 'nope');
    expect(bad).toEqual({ status: 403, body: { result: false, status: 403, errcode: 'invalid_api_key', errfield: null, message: 'The API key is not valid.\n', data: null } });
    const none = await call(`${gw.url}/installer/browser`);
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body)).toMatchObject({ errcode: 'invalid_api_key' });
  });

  it('lists carry total_count and has_more over offset/limit', async () => {
    const page = await installer<Array<{ id: string }>>(gw, 'GET', '/browser', { offset: 1, limit: 2 });
    const all = await installer<Array<{ id: string }>>(gw, 'GET', '/browser');
    expect(page.body.total_count).toBe(all.body.data.length);
    expect(page.body.has_more).toBe(true);
    expect(page.body.data.map((a) => a.id)).toEqual(all.body.data.slice(1, 3).map((a) => a.id));
    const last = await installer(gw, 'GET', '/browser', { offset: all.body.data.length - 1, limit: 2 });
    expect(last.body.has_more).toBe(false);
    const bad = await installer(gw, 'GET', '/browser', { limit: 0 });
    expect(bad.body).toMatchObject({ status: 400, errcode: 'invalid_argument_limit', errfield: 'limit' });
  });

  it('does not read an empty id as the segment after it (/users//login is no user called login)', async () => {
    const r = await call(`${gw.url}/installer/users//login`, { method: 'POST', headers: { 'x-api-key': CREDS.installerKey, 'content-type': 'application/json' }, body: '{}' });
    expect(JSON.parse(r.body)).toMatchObject({ result: false });
    const login = await installer(gw, 'GET', '/users/login');
    expect(login.body).toMatchObject({ result: false, errcode: 'user_not_found' });
  });

  it('answers an offset beyond any list, even past 64 bits, with an empty page of every list', async () => {
    await installer(gw, 'POST', '/users', { id: 'pager' });
    for (const path of ['/browser', '/users', '/installs', '/backups', '/tasks']) {
      for (const offset of ['99999999999999999999', '9007199254740993', '1e300']) {
        const page = await installer<unknown[]>(gw, 'GET', path, { offset });
        expect({ path, offset, status: page.status, body: page.body }).toMatchObject({ path, offset, status: 200, body: { result: true, data: [], has_more: false } });
      }
    }
  });

  it('tunnels GET and DELETE through POST with X-HTTP-Method-Override', async () => {
    const asGet = await call(`${gw.url}/installer/users/proto`, { method: 'POST', headers: { 'x-api-key': CREDS.installerKey, 'x-http-method-override': 'GET' } });
    expect(asGet.status).toBe(200);
    expect(JSON.parse(asGet.body)).toMatchObject({ data: { id: 'proto' } });
    const made = await installer<{ id: string }>(gw, 'POST', '/browser/wordpress/install', { user: 'proto', url: 'http://proto.example/', ...WP_FIELDS });
    expect(made.status).toBe(200);
    const asDelete = await call(`${gw.url}/installer/installs/${made.body.data.id}`, { method: 'POST', headers: { 'x-api-key': CREDS.installerKey, 'x-http-method-override': 'DELETE' } });
    expect(asDelete.status).toBe(200);
    expect((await installer(gw, 'GET', `/installs/${made.body.data.id}`)).body).toMatchObject({ status: 404, errcode: 'install_not_found' });
  });

  it('reads form-urlencoded bodies, with PHP-style nested websites', async () => {
    const body = new URLSearchParams({ id: 'formuser', email: 'formuser@example.com', 'websites[0][label]': 'form.example', 'websites[0][vhosts][http://form.example]': '' }).toString();
    const r = await call(`${gw.url}/installer/users`, { method: 'POST', headers: { 'x-api-key': CREDS.installerKey, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ data: { id: 'formuser', email: 'formuser@example.com', websites: [{ label: 'form.example' }] } });
  });

  it('answers malformed JSON, oversized and unsupported bodies in the envelope', async () => {
    const headers = { 'x-api-key': CREDS.installerKey, 'content-type': 'application/json' };
    const malformed = await call(`${gw.url}/installer/users`, { method: 'POST', headers, body: '{"id": "x",' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toEqual({ result: false, status: 400, errcode: 'invalid_request', errfield: null, message: 'The request body could not be decoded.\n', data: null });
    const big = await call(`${gw.url}/installer/users`, { method: 'POST', headers, body: JSON.stringify({ id: 'x'.repeat(10_000) }) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ result: false, status: 413, errcode: 'invalid_request' });
    const xml = await call(`${gw.url}/installer/users`, { method: 'POST', headers: { ...headers, 'content-type': 'text/xml' }, body: '<id>x</id>' });
    expect(xml.status).toBe(415);
    expect(JSON.parse(xml.body)).toMatchObject({ result: false, status: 415, errcode: 'invalid_request' });
  });

  it('unknown commands are 404 invalid_command, known paths with another method 405 invalid_method', async () => {
    expect((await installer(gw, 'GET', '/nothing/here')).body).toMatchObject({ status: 404, errcode: 'invalid_command' });
    expect((await installer(gw, 'DELETE', '/browser')).body).toMatchObject({ status: 405, errcode: 'invalid_method' });
  });
});
