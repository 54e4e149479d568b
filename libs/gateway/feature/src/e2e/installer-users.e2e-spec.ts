import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { InstallerUsersService } from '@hostgate/domain';
import { HostingPackageEntity } from '@hostgate/shared/persistence';
import { afterRead } from './interleave';
import { exitCode, hestia } from './panel-client';
import { installer } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

interface User {
  id: string;
  email: string;
  suspended: boolean;
  websites: Array<{ label: string; databases: Array<{ name: string }> }>;
}

describe('installer: /users are the panel’s hosting accounts', () => {
  let gw: TestGateway;
  const panelUser = async (name: string) => (JSON.parse((await hestia(gw, 'v-list-user', [name, 'json'])).body) as Record<string, Record<string, string>>)[name];

  beforeAll(async () => {
    gw = await startTestGateway({ INSTALLER_LOGIN_TTL_SECONDS: '1' });
  });
  afterAll(() => gw.close());

  it('shows a user the panel created, with its web domains as websites', async () => {
    expect(await exitCode(gw, 'v-add-user', ['frank', 'Passw0rd!', 'frank@example.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-web-domain', ['frank', 'frank.example'])).toBe('0');
    const r = await installer<User>(gw, 'GET', '/users/frank');
    expect(r.body.data).toMatchObject({ id: 'frank', email: 'frank@example.com', suspended: false, websites: [{ label: 'frank.example', path: '/home/frank/web/frank.example/public_html', vhosts: { 'http://frank.example': '', 'http://www.frank.example': '' } }] });
    const list = await installer<User[]>(gw, 'GET', '/users');
    expect(list.body.data.map((u) => u.id)).toEqual([CREDS.panelUser, 'frank']);
    expect(list.body).toMatchObject({ total_count: 2, has_more: false });
    expect((await installer(gw, 'GET', '/users/ghost')).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });

  it('POST /users/{id} creates a missing account and edits email and suspension, as the panel sees', async () => {
    const made = await installer<User>(gw, 'POST', '/users/grace', { email: 'grace@example.com', websites: [{ label: 'grace.example' }] });
    expect(made.status).toBe(200);
    expect(made.body.data.websites.map((w) => w.label)).toEqual(['grace.example']);
    expect((await panelUser('grace'))['CONTACT']).toBe('grace@example.com');
    await installer(gw, 'POST', '/users/grace', { email: 'new@example.com', suspended: true, language: 'de' });
    const p = await panelUser('grace');
    expect(p['CONTACT']).toBe('new@example.com');
    expect(p['LANGUAGE']).toBe('de');
    expect((await installer(gw, 'POST', '/users/grace', { language: 'German' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_language' });
    expect(p['SUSPENDED']).toBe('yes');
    expect((await installer<User>(gw, 'GET', '/users/grace')).body.data).toMatchObject({ suspended: true, locale: 'de' });
    // A suspended user cannot install.
    expect((await installer(gw, 'POST', '/browser/wordpress/install', { user: 'grace', url: 'https://grace.example/', ...WP_FIELDS })).body).toMatchObject({ status: 403, errcode: 'invalid_argument_user' });
    await installer(gw, 'POST', '/users/grace', { suspended: false });
    expect((await panelUser('grace'))['SUSPENDED']).toBe('no');
  });

  it('refuses bad input without leaving a half-made account', async () => {
    expect((await installer(gw, 'POST', '/users', {})).body).toMatchObject({ status: 400, errcode: 'empty_argument_id', errfield: 'id' });
    expect((await installer(gw, 'POST', '/users', { id: 'bad name!' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_id' });
    expect((await installer(gw, 'POST', '/users', { id: 'henry', email: 'x' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_email' });
    // frank.example is frank's: henry's creation fails and henry does not exist afterwards.
    const taken = await installer(gw, 'POST', '/users', { id: 'henry', websites: [{ label: 'frank.example' }] });
    expect(taken.body).toMatchObject({ status: 400, errcode: 'invalid_argument_websites_alreadyexists', errfield: 'websites' });
    expect(await exitCode(gw, 'v-list-user', ['henry', 'json'])).toBe('3');
    expect((await installer(gw, 'POST', '/users', { id: 'henry', package: 'no-such-package' })).body).toMatchObject({ status: 404, errcode: 'package_not_found' });
  });

  it('a user made by a save exists for others only with everything the save asked for', async () => {
    // Right after the save has put in the new user's websites, before it commits: no user yet for the panel.
    let during: string | undefined;
    const saved = await afterRead(
      gw.app.get(InstallerUsersService),
      'syncDomainsIn',
      async () => {
        during = await exitCode(gw, 'v-list-user', ['ivy', 'json']);
      },
      () => installer(gw, 'POST', '/users', { id: 'ivy', email: 'ivy@example.com', websites: [{ label: 'ivy.example' }] }),
    );
    expect(saved.body).toMatchObject({ status: 200 });
    expect(during).toBe('3');
    expect(await exitCode(gw, 'v-list-web-domain', ['ivy', 'ivy.example', 'json'])).toBe('0');
  });

  it('a website update cannot give it a name another website already has, as a domain or an alias', async () => {
    expect(await exitCode(gw, 'v-add-user', ['jack', 'Passw0rd!', 'jack@example.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-web-domain', ['jack', 'jack.example'])).toBe('0');
    expect((await installer(gw, 'POST', '/users/kate', { email: 'kate@example.com', websites: [{ label: 'kate.example' }] })).status).toBe(200);
    const vhosts = async (user: string) => (await installer<{ websites: Array<{ label: string; vhosts: Record<string, string> }> }>(gw, 'GET', `/users/${user}`)).body.data.websites.map((w) => [w.label, Object.keys(w.vhosts)]);
    for (const taken of ['www.jack.example', 'jack.example']) {
      const r = await installer(gw, 'POST', '/users/kate', { websites: [{ label: 'kate.example', vhosts: ['http://kate.example', `http://${taken}`] }] });
      expect(r.body).toMatchObject({ status: 400, errcode: 'invalid_argument_websites_alreadyexists', errfield: 'websites' });
    }
    expect(await vhosts('kate')).toEqual([['kate.example', ['http://kate.example', 'http://www.kate.example']]]);
    expect(await vhosts('jack')).toEqual([['jack.example', ['http://jack.example', 'http://www.jack.example']]]);
    // A free name is still added beside the aliases the website had.
    expect((await installer(gw, 'POST', '/users/kate', { websites: [{ label: 'kate.example', vhosts: ['http://kate.example', 'http://shop.kate.example'] }] })).status).toBe(200);
    expect(await vhosts('kate')).toEqual([['kate.example', ['http://kate.example', 'http://www.kate.example', 'http://shop.kate.example']]]);
  });

  it('new vhosts of a website count against the package’s WEB_ALIASES, as the panel counts them', async () => {
    await gw.app.get(DataSource).getRepository(HostingPackageEntity).insert({ name: 'onealias', webDomains: '1', webAliases: '1' });
    expect(await exitCode(gw, 'v-add-user', ['liam', 'Passw0rd!', 'liam@example.com', 'onealias'])).toBe('0');
    expect((await installer(gw, 'POST', '/users/liam', { websites: [{ label: 'liam.example', vhosts: ['http://liam.example'] }] })).status).toBe(200);
    const two = await installer(gw, 'POST', '/users/liam', { websites: [{ label: 'liam.example', vhosts: ['http://liam.example', 'http://a.liam.example', 'http://b.liam.example'] }] });
    // Asking for more than the package allows is the argument's fault (a 400), not a server failure.
    expect(two.body).toMatchObject({ status: 400, result: false, errcode: 'invalid_argument_websites', errfield: 'websites' });
    expect((await panelUser('liam'))['U_WEB_ALIASES']).toBe('0');
    expect((await installer(gw, 'POST', '/users/liam', { websites: [{ label: 'liam.example', vhosts: ['http://liam.example', 'http://a.liam.example'] }] })).status).toBe(200);
    expect((await panelUser('liam'))['U_WEB_ALIASES']).toBe('1');
  });

  it('a package the account already uses more than is refused as the package argument (400), and the account keeps its package', async () => {
    await gw.app.get(DataSource).getRepository(HostingPackageEntity).insert({ name: 'nodb', databases: '0' });
    expect(await exitCode(gw, 'v-add-user', ['mona', 'Passw0rd!', 'mona@example.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-database', ['mona', 'shop', 'shop', 'S3cret-pass'])).toBe('0');
    const r = await installer(gw, 'POST', '/users/mona', { package: 'nodb' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ result: false, errcode: 'invalid_argument_package', errfield: 'package', message: "Package doesn't cover DATABASE usage\n" });
    expect((await panelUser('mona'))['PACKAGE']).toBe('default');
  });

  it('a save is all or nothing: a refused websites change takes back the email and package changes of the same call', async () => {
    await gw.app.get(DataSource).getRepository(HostingPackageEntity).insert({ name: 'twosites', webDomains: '2' });
    expect(await exitCode(gw, 'v-add-user', ['nora', 'Passw0rd!', 'nora@example.com'])).toBe('0');
    const r = await installer(gw, 'POST', '/users/nora', { email: 'new@example.com', package: 'twosites', websites: [{ label: 'a.nora.example' }, { label: 'b.nora.example' }, { label: 'c.nora.example' }] });
    expect(r.body).toMatchObject({ status: 400, errcode: 'invalid_argument_websites' });
    expect(await panelUser('nora')).toMatchObject({ CONTACT: 'nora@example.com', PACKAGE: 'default', U_WEB_DOMAINS: '0' });
  });

  it('a website dropped from a user goes with its directory, as the panel deletes a web domain', async () => {
    await userWithSites(gw, 'otto', ['keep.otto.example', 'drop.otto.example']);
    const dropped = join(gw.db.settings.dataDir, 'home', 'otto', 'web', 'drop.otto.example', 'public_html');
    mkdirSync(dropped, { recursive: true });
    writeFileSync(join(dropped, 'page.html'), 'old site');
    const r = await installer<User>(gw, 'POST', '/users/otto', { websites: [{ label: 'keep.otto.example' }] });
    expect(r.body.data.websites.map((w) => w.label)).toEqual(['keep.otto.example']);
    expect(existsSync(join(gw.db.settings.dataDir, 'home', 'otto', 'web', 'drop.otto.example'))).toBe(false);
  });

  it('DELETE /users/{id} forgets the installer’s records only; the account stays the panel’s', async () => {
    await userWithSites(gw, 'ivy', ['ivy.example']);
    const inst = await installer<{ id: string; 'db-name': string }>(gw, 'POST', '/browser/wordpress/install', { user: 'ivy', url: 'https://ivy.example/', ...WP_FIELDS });
    const dry = await installer(gw, 'DELETE', '/users/ivy', { dryrun: 'all' });
    expect(dry.body).toMatchObject({ errcode: 'complete_dryrun', data: { id: 'ivy', installs: 1, backups: 0 } });
    expect((await installer(gw, 'GET', '/installs', { user: 'ivy' })).body.total_count).toBe(1);
    const r = await installer(gw, 'DELETE', '/users/ivy');
    expect(r.body).toMatchObject({ result: true, data: { id: 'ivy', installs: 1 } });
    expect((await installer(gw, 'GET', '/installs', { user: 'ivy' })).body.total_count).toBe(0);
    expect(await exitCode(gw, 'v-list-user', ['ivy', 'json'])).toBe('0');
    expect(Object.keys(JSON.parse((await hestia(gw, 'v-list-databases', ['ivy', 'json'])).body) as object)).toEqual([inst.body.data['db-name']]);
    expect((await installer(gw, 'DELETE', '/users/ghost')).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });

  it('POST /users/{id}/login gives a single-use URL that expires', async () => {
    const a = await installer<string>(gw, 'POST', '/users/frank/login');
    expect((await call(a.body.data)).status).toBe(200);
    expect((await call(a.body.data)).status).toBe(403);
    const b = await installer<string>(gw, 'POST', '/users/frank/login');
    await new Promise((r) => setTimeout(r, 1_100));
    const expired = await call(b.body.data);
    expect(expired.status).toBe(403);
    expect(JSON.parse(expired.body)).toMatchObject({ errcode: 'invalid_argument_token' });
    expect((await call(`${gw.url}/installer/sso/not-a-token`)).status).toBe(403);
    expect((await installer(gw, 'POST', '/users/ghost/login')).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });
});
