import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitCode, hestia } from './panel-client';
import { installer } from './installer-client';
import { call, startTestGateway, type TestGateway } from './test-gateway';

/** The seed's "getting started": add a user, install WordPress to https://website.com/blog/, change the user's domains, get a login URL. */
describe('installer: the seed walkthrough, seen by the panel too', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('works end to end and the panel sees the same account, domains and database', async () => {
    const created = await installer<Record<string, unknown>>(gw, 'POST', '/users', {
      id: 'useraccountname',
      email: 'owner@website.com',
      websites: [{ path: 'ftps://exampleuser:examplepassword@website.com/public_html', label: 'website.com', vhosts: { 'http://website.com': '', 'http://www.website.com': '' } }],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ result: true, errcode: null, errfield: null });
    expect(created.body.data).toMatchObject({ id: 'useraccountname', type: 'user', email: 'owner@website.com', websites: [expect.objectContaining({ label: 'website.com' })] });

    // The panel has the account and its web domain (with the www alias from the vhosts).
    expect(await exitCode(gw, 'v-list-user', ['useraccountname', 'json'])).toBe('0');
    const web = JSON.parse((await hestia(gw, 'v-list-web-domains', ['useraccountname', 'json'])).body) as Record<string, { ALIAS: string }>;
    expect(Object.keys(web)).toEqual(['website.com']);
    expect(web['website.com'].ALIAS).toBe('www.website.com');

    const install = await installer<Record<string, string>>(gw, 'POST', '/browser/wordpress/install', {
      user: 'useraccountname',
      url: 'https://website.com/blog/',
      login: 'admin123',
      passwd: 'password123',
      sitetitle: 'My Blog',
      email: 'owner@website.com',
    });
    expect(install.status).toBe(200);
    expect(install.body.data).toMatchObject({ installer: 'wordpress', url: 'https://website.com/blog', owner: 'useraccountname', title: 'My Blog', status: 'installed', 'cf-login': 'admin123' });
    const dbName = install.body.data['db-name'];
    expect(dbName).toMatch(/^useraccountname_wordpres[0-9a-f]{6}$/);

    // The files are on disk under the account's document root inside DATA_DIR.
    const dir = join(gw.db.settings.dataDir, 'home', 'useraccountname', 'web', 'website.com', 'public_html', 'blog');
    expect(install.body.data['path']).toBe(dir);
    expect(readFileSync(join(dir, 'index.php'), 'utf8')).toContain("define('APP_NAME', 'WordPress');");
    expect(readFileSync(join(dir, 'index.php'), 'utf8')).toContain("define('APP_VERSION', '6.7.1');");
    expect(readFileSync(join(dir, 'wp-config.php'), 'utf8')).toContain(`$db_name = '${dbName}';`);

    // The panel lists the install's database.
    const dbs = JSON.parse((await hestia(gw, 'v-list-databases', ['useraccountname', 'json'])).body) as Record<string, unknown>;
    expect(Object.keys(dbs)).toEqual([dbName]);

    // A second subdomain: the user's websites change, and so do the account's web domains.
    const edited = await installer<{ websites: Array<{ label: string }> }>(gw, 'POST', '/users/useraccountname', {
      websites: [
        { label: 'website.com', vhosts: { 'http://website.com': '', 'http://www.website.com': '' } },
        { label: 'shop.website.com', vhosts: { 'http://shop.website.com': '' } },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data.websites.map((w) => w.label)).toEqual(['website.com', 'shop.website.com']);
    const web2 = JSON.parse((await hestia(gw, 'v-list-web-domains', ['useraccountname', 'json'])).body) as Record<string, unknown>;
    expect(Object.keys(web2).sort()).toEqual(['shop.website.com', 'website.com']);

    // Dropping a website that still has an install is refused; dropping a bare one removes it from the panel.
    const refused = await installer(gw, 'POST', '/users/useraccountname', { websites: [{ label: 'shop.website.com' }] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ result: false, errcode: 'invalid_argument_websites', errfield: 'websites' });
    await installer(gw, 'POST', '/users/useraccountname', { websites: [{ label: 'website.com', vhosts: { 'http://website.com': '' } }] });
    const web3 = JSON.parse((await hestia(gw, 'v-list-web-domains', ['useraccountname', 'json'])).body) as Record<string, unknown>;
    expect(Object.keys(web3)).toEqual(['website.com']);

    // The login URL (the seed calls it with GET), single use.
    const login = await installer<string>(gw, 'GET', '/users/useraccountname/login');
    expect(login.status).toBe(200);
    expect(login.body.data).toMatch(new RegExp(`^${gw.url}/installer/sso/[0-9a-f]{48}$`));
    const first = await call(login.body.data);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ result: true, data: { user: 'useraccountname' } });
    const again = await call(login.body.data);
    expect(again.status).toBe(403);
    expect(JSON.parse(again.body)).toMatchObject({ result: false, errcode: 'invalid_argument_token' });

    // Uninstall removes the files and the database, which the panel no longer lists.
    const removed = await installer(gw, 'DELETE', `/installs/${install.body.data['id']}`);
    expect(removed.status).toBe(200);
    expect(existsSync(join(dir, 'index.php'))).toBe(false);
    expect(existsSync(dir)).toBe(false);
    const dbsAfter = (await hestia(gw, 'v-list-databases', ['useraccountname', 'json'])).body;
    expect(JSON.parse(dbsAfter)).toEqual({});
  });
});
