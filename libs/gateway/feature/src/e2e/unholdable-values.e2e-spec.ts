import { installer } from './installer-client';
import { AUTH as PROJECT_AUTH, wb } from './project-client';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

/**
 * A value no row can hold (an id beyond the integer columns, a NUL in a name) names nothing: each
 * dialect answers its own "not found", the same on SQLite and on PostgreSQL (which refuses such a
 * value in a statement), as the products answer on MySQL.
 */
describe('lookups of values no row can hold find nothing, on both databases', () => {
  let gw: TestGateway;
  const billing = (path: string) => call(`${gw.url}/billing/api/${path}`, { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } });

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each(['services/get.json?service_id=', 'contacts/get.json?contact_id=', 'packages/get.json?package_id=', 'transactions/get.json?transaction_id=', 'taxes/get.json?tax_id=', 'users/get.json?user_id='])('billing %s<beyond the integer range> is Blesta’s false', async (path) => {
    const r = await billing(`${path}99999999999`);
    expect({ status: r.status, body: r.body }).toEqual({ status: 200, body: '{"response":false}' });
  });

  it.each(['projects', 'actions', 'topics', 'files', 'timelogs', 'ticketxrefs'])('project %s/<beyond the integer range> is 404 Record Not Found', async (chain) => {
    const r = await wb(gw, 'GET', `${chain}/99999999999`);
    expect(r.json.request).toMatchObject({ code: 404 });
  });

  it.each([
    ['clients/get.json?client_id=99999999999', 'false'],
    ['clients/getAll.json?client_group_id=99999999999', '[]'],
    ['clients/getListCount.json?status=a%00b', '0'],
    ['clients/search.json?query=a%00b', '[]'],
    ['contacts/getAll.json?client_id=2147483648', '[]'],
    ['invoices/getListCount.json?client_id=1.5', '0'],
    ['transactions/getApplied.json?transaction_id=99999999999', '[]'],
  ])('billing %s (a filter or a lookup no row can match) answers %s', async (path, response) => {
    const r = await billing(path);
    expect({ status: r.status, body: r.body }).toEqual({ status: 200, body: `{"response":${response}}` });
  });

  it.each(['projects', 'actions'])('project DELETE %s/<beyond the integer range> is 404 Record Not Found', async (chain) => {
    const r = await wb(gw, 'DELETE', `${chain}/99999999999`);
    expect(r.json.request).toMatchObject({ code: 404, message: 'Record Not Found' });
  });

  it.each(['project_id=99999999999', 'client_userid=2147483648', 'client_hostingid=99999999999'])('project projects?%s lists nothing', async (filter) => {
    const r = await call(`${gw.url}/project/api.php/v1/projects/json?${PROJECT_AUTH}&${filter}`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ request: { code: 200 }, response: { data: { total: 0 } } });
  });

  it('installer: an id without an application prefix holding a NUL, and list filters holding one, find nothing', async () => {
    expect((await installer(gw, 'GET', '/installs/a\u0000b')).body).toMatchObject({ status: 404, errcode: 'install_not_found' });
    expect((await installer(gw, 'DELETE', '/backups/a\u0000b')).body).toMatchObject({ status: 404, errcode: 'backup_not_found' });
    expect((await installer(gw, 'GET', '/backups', { install: 'a\u0000b' })).body).toMatchObject({ status: 200, data: [], total_count: 0 });
    expect((await installer(gw, 'GET', '/tasks', { user: 'a\u0000b' })).body).toMatchObject({ status: 200, data: [], total_count: 0 });
  });

  it('installer: an install, a backup or a user whose name holds a NUL is not found', async () => {
    expect((await installer(gw, 'GET', '/installs/wordpress-\u0000')).body).toMatchObject({ status: 404, errcode: 'install_not_found' });
    expect((await installer(gw, 'GET', '/backups/b\u0000')).body).toMatchObject({ status: 404, errcode: 'backup_not_found' });
    expect((await installer(gw, 'GET', '/installs', { user: 'v\u0000x' })).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
    expect((await installer(gw, 'GET', '/backups', { user: 'v\u0000x' })).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });
});
