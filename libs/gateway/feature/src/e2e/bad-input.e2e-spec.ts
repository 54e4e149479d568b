import { basic, call, CREDS, md5, startTestGateway, type TestGateway } from './test-gateway';

describe('bad input at the edge gets each dialect’s own error, never a framework page', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => gw.close());

  const big = 'x'.repeat(10_000);

  it('billing: an oversized body is a Blesta 400 envelope', async () => {
    const r = await call(`${gw.url}/billing/api/users/get.json`, {
      method: 'POST',
      headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey), 'content-type': 'application/x-www-form-urlencoded' },
      body: `user_id=${big}`,
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ message: 'The request cannot be fulfilled due to bad syntax.', response: null });
  });

  it('panel: an oversized body is Hestia’s 405 for unreadable data', async () => {
    const r = await call(`${gw.url}/panel/api/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `user=admin&arg1=${big}` });
    expect(r.status).toBe(405);
    expect(r.headers.get('hestia-exit-code')).toBe('405');
  });

  it('installer: an oversized or malformed body is an Installatron envelope', async () => {
    const r = await call(`${gw.url}/installer/users`, { method: 'POST', headers: { 'x-api-key': CREDS.installerKey, 'content-type': 'application/json' }, body: JSON.stringify({ id: big }) });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ result: false, status: 413, errcode: 'invalid_request' });
  });

  it('project: an oversized body keeps the {request, response} envelope', async () => {
    const r = await call(`${gw.url}/project/api.php/v1/api/resources/json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=a&password=${big}` });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ request: { code: 413, message: 'Request Invalid or Bad Format' }, response: {} });
  });

  it('a malformed percent-encoding in the path is answered by the dialect, not with a 500', async () => {
    const r = await call(`${gw.url}/billing/api/us%ZZers/get.json?user_id=1`, { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } });
    expect(r.status).toBeLessThan(500);
    expect(JSON.parse(r.body)).toHaveProperty('message');
  });

  it('a path segment of hundreds of characters reaches its handler (dialect or admin API) and gets its own answer, not a framework error', async () => {
    const long = 'x'.repeat(600);
    const installer = await call(`${gw.url}/installer/users/${long}`, { headers: { 'x-api-key': CREDS.installerKey } });
    expect(installer.status).toBe(404);
    expect(JSON.parse(installer.body)).toMatchObject({ result: false, status: 404, errcode: 'user_not_found' });
    const project = await call(`${gw.url}/project/api.php/v1/projects/${long}/json?username=${CREDS.projectUser}&password=${md5(CREDS.projectPassword)}`);
    expect(project.status).toBeLessThan(500);
    expect(JSON.parse(project.body)).toHaveProperty('request.code', project.status);
    const admin = await call(`${gw.url}/admin/settings/${long}`, { method: 'PUT', headers: { authorization: `Bearer ${CREDS.adminToken}`, 'content-type': 'application/json' }, body: '{"value":"yes"}' });
    expect(admin.status).toBe(404);
    expect(JSON.parse(admin.body)).toMatchObject({ statusCode: 404, message: `no setting named ${long}` });
  });
});
