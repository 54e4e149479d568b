import { installer } from './installer-client';
import { wb } from './project-client';
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

  it('installer: an install, a backup or a user whose name holds a NUL is not found', async () => {
    expect((await installer(gw, 'GET', '/installs/wordpress-\u0000')).body).toMatchObject({ status: 404, errcode: 'install_not_found' });
    expect((await installer(gw, 'GET', '/backups/b\u0000')).body).toMatchObject({ status: 404, errcode: 'backup_not_found' });
    expect((await installer(gw, 'GET', '/installs', { user: 'v\u0000x' })).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
    expect((await installer(gw, 'GET', '/backups', { user: 'v\u0000x' })).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });
});
