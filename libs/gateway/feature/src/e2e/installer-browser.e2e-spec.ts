import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { installer } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { startTestGateway, type TestGateway } from './test-gateway';

interface AppSummary {
  id: string;
  name: string;
  type: string;
  version: string;
  branch: string;
  languages: string[];
}

describe('installer: the application catalog (/browser)', () => {
  let db: TestDatabase;
  let gw: TestGateway;

  beforeAll(async () => {
    db = await createTestDatabase();
    // An operator's catalog extension: one new application and a replacement of a built-in one.
    const dir = join(db.settings.dataDir, 'installer', 'catalog');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '10-local.json'),
      JSON.stringify({
        applications: [
          { id: 'acmecms', name: 'Acme CMS', type: 'cms', authordescription: 'In-house CMS', config_file: 'conf/acme.php', versions: [{ version: '2.0', branch: 'current', requirements: { php: '8.1' } }, { version: '1.9', branch: 'previous' }], fields: [{ id: 'login', type: 'text', label: 'Admin', required: true, pattern: '^[a-z]+$' }] },
        ],
      }),
    );
    writeFileSync(join(dir, '15-rooted.json'), JSON.stringify({ id: 'rooted', name: 'Rooted', database: false, root_only: true, versions: [{ version: '1.0' }] }));
    writeFileSync(join(dir, '20-broken.json'), '{ not json');
    // What this operator's web servers run: older PHP than the built-in default.
    writeFileSync(join(dir, '30-server.json'), JSON.stringify({ server: { php: '7.4.33' } }));
    gw = await startTestGateway({}, db);
  });
  afterAll(async () => {
    await gw.close();
    await db.dispose();
  });

  it('lists the built-in applications and the operator’s, each with version and branch', async () => {
    const r = await installer<AppSummary[]>(gw, 'GET', '/browser');
    expect(r.status).toBe(200);
    const ids = r.body.data.map((a) => a.id);
    for (const id of ['wordpress', 'joomla', 'drupal', 'nextcloud', 'mediawiki', 'phpbb', 'acmecms']) expect(ids).toContain(id);
    expect(r.body.data.find((a) => a.id === 'wordpress')).toMatchObject({ name: 'WordPress', type: 'blog', version: '6.7.1', branch: 'current' });
    expect(r.body.total_count).toBe(ids.length);
  });

  it('filters by type, language and search text', async () => {
    const cms = await installer<AppSummary[]>(gw, 'GET', '/browser', { type: 'cms' });
    expect(cms.body.data.map((a) => a.id).sort()).toEqual(['acmecms', 'drupal', 'grav', 'joomla']);
    const italian = await installer<AppSummary[]>(gw, 'GET', '/browser', { language: 'it' });
    expect(italian.body.data.map((a) => a.id).sort()).toEqual(['nextcloud', 'wordpress']);
    const search = await installer<AppSummary[]>(gw, 'GET', '/browser', { search: 'WIKI' });
    expect(search.body.data.map((a) => a.id)).toEqual(['mediawiki']);
    expect(search.body.total_count).toBe(1);
    expect((await installer(gw, 'GET', '/browser', { user: 'ghost' })).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });

  it('shows an application’s versions, branches, fields and requirements', async () => {
    const r = await installer<Record<string, unknown>>(gw, 'GET', '/browser/joomla');
    expect(r.body.data).toMatchObject({
      id: 'joomla',
      version: '5.2.2',
      branch: 'current',
      requirements: { php: '8.1.0' },
      versions: [expect.objectContaining({ version: '5.2.2', branch: 'current' }), expect.objectContaining({ version: '4.4.9', branch: 'previous' }), expect.objectContaining({ version: '3.10.12', branch: 'legacy' })],
      fields: expect.arrayContaining([expect.objectContaining({ id: 'login', required: true }), expect.objectContaining({ id: 'passwd', type: 'password' })]),
    });
    const legacy = await installer<Record<string, unknown>>(gw, 'GET', '/browser/joomla', { version: '3.10.12' });
    expect(legacy.body.data).toMatchObject({ version: '3.10.12', branch: 'legacy', requirements: { php: '5.3.10' } });
    expect((await installer(gw, 'GET', '/browser/joomla', { version: '9.9' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_version', errfield: 'version' });
    expect((await installer(gw, 'GET', '/browser/nope')).body).toMatchObject({ status: 404, errcode: 'application_not_found' });
  });

  it('installs an operator-defined application with its own fields and config file', async () => {
    await userWithSites(gw, 'carol', ['carol.example']);
    const bad = await installer(gw, 'POST', '/browser/acmecms/install', { user: 'carol', url: 'https://carol.example/', version: '1.9', login: 'Admin1' });
    expect(bad.body).toMatchObject({ status: 400, errcode: 'invalid_argument_login' });
    const ok = await installer<Record<string, string>>(gw, 'POST', '/browser/acmecms/install', { user: 'carol', url: 'https://carol.example/', login: 'admin', version: '1.9', ...{ passwd: WP_FIELDS.passwd } });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ installer: 'acmecms', version: '1.9' });
    const { readFileSync } = await import('node:fs');
    // An application that lives only at a domain's root.
    expect((await installer(gw, 'POST', '/browser/rooted/install', { user: 'carol', url: 'https://carol.example/sub' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_url_rootonly', errfield: 'url' });
    expect(readFileSync(join(db.settings.dataDir, 'home', 'carol', 'web', 'carol.example', 'public_html', 'conf', 'acme.php'), 'utf8')).toContain(`$db_name = '${ok.body.data['db-name']}';`);
  });

  it('refuses a version whose requirements the server does not meet (invalid_argument_version_unmetrequirements)', async () => {
    await userWithSites(gw, 'dan', ['dan.example']);
    const current = await installer(gw, 'POST', '/browser/joomla/install', { user: 'dan', url: 'https://dan.example/', ...WP_FIELDS });
    expect(current.status).toBe(400);
    expect(current.body).toMatchObject({ errcode: 'invalid_argument_version_unmetrequirements', errfield: 'version' });
    expect(current.body.message).toContain('php 8.1.0');
    const older = await installer(gw, 'POST', '/browser/joomla/install', { user: 'dan', url: 'https://dan.example/', version: '4.4.9', ...WP_FIELDS });
    expect(older.status).toBe(200);
    // Updating to a version the server cannot run is refused the same way.
    const id = (older.body.data as { id: string }).id;
    expect((await installer(gw, 'POST', `/installs/${id}/update`)).body).toMatchObject({ status: 400, errcode: 'invalid_argument_version_unmetrequirements' });
  });
});
