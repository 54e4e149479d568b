import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Repository } from 'typeorm';
import { InstallLeases, InstallProvisioner, InstallTurns } from '@hostgate/domain';
import { exitCode, hestia } from './panel-client';
import { beforeCall } from './interleave';
import { installer, waitForTask } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { call, startTestGateway, type TestGateway } from './test-gateway';

describe('installer: /installs and /backups', () => {
  let gw: TestGateway;
  let wp: Record<string, string>;
  let wpDir: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    await userWithSites(gw, 'dave', ['dave.example']);
    await userWithSites(gw, 'erin', ['erin.example']);
    wp = (await installer<Record<string, string>>(gw, 'POST', '/browser/wordpress/install', { user: 'dave', url: 'https://dave.example/', version: '6.5.5', ...WP_FIELDS })).body.data;
    await installer(gw, 'POST', '/browser/drupal/install', { user: 'erin', url: 'https://erin.example/site', ...WP_FIELDS });
    wpDir = join(gw.db.settings.dataDir, 'home', 'dave', 'web', 'dave.example', 'public_html');
  });
  afterAll(() => gw.close());

  it('lists installs, filtered by user', async () => {
    const all = await installer<Array<{ installer: string; owner: string }>>(gw, 'GET', '/installs');
    expect(all.body.total_count).toBe(2);
    const dave = await installer<Array<{ installer: string; owner: string }>>(gw, 'GET', '/installs', { user: 'dave' });
    expect(dave.body.data).toEqual([expect.objectContaining({ installer: 'wordpress', owner: 'dave', version: '6.5.5' })]);
    expect(dave.body).toMatchObject({ total_count: 1, has_more: false });
    expect((await installer(gw, 'GET', '/installs', { user: 'ghost' })).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });

  it('views and edits an install', async () => {
    const view = await installer(gw, 'GET', `/installs/${wp['id']}`);
    expect(view.body.data).toMatchObject({ id: wp['id'], url: 'https://dave.example', 'url-domain': 'dave.example', 'link-admin': 'https://dave.example/wp-admin/' });
    const edited = await installer(gw, 'POST', `/installs/${wp['id']}`, { sitetitle: 'Renamed', autoup: 'none' });
    expect(edited.body.data).toMatchObject({ title: 'Renamed', autoup: 'none' });
    expect((await installer(gw, 'POST', `/installs/${wp['id']}`, { email: 'nope' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_email', errfield: 'email' });
    expect((await installer(gw, 'GET', '/installs/wordpress-000000000000')).body).toMatchObject({ status: 404, errcode: 'install_not_found' });
  });

  it('backs up, updates to a newer version, and restores the backup', async () => {
    const backup = await installer<{ id: string; version: string; size: number }>(gw, 'POST', `/installs/${wp['id']}/backup`);
    expect(backup.status).toBe(200);
    expect(backup.body.data).toMatchObject({ install: wp['id'], version: '6.5.5', user: 'dave' });
    expect(backup.body.data.size).toBeGreaterThan(0);
    expect(readFileSync(join(gw.db.settings.dataDir, 'installer', 'backups', backup.body.data.id, 'index.php'), 'utf8')).toContain("'6.5.5'");

    expect((await installer(gw, 'POST', `/installs/${wp['id']}/update`, { version: '6.5.5' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_version' });
    const dry = await installer(gw, 'POST', `/installs/${wp['id']}/update`, { dryrun: 'all' });
    expect(dry.body).toMatchObject({ status: 200, errcode: 'complete_dryrun' });
    expect(readFileSync(join(wpDir, 'index.php'), 'utf8')).toContain("'6.5.5'");
    const updated = await installer(gw, 'POST', `/installs/${wp['id']}/update`);
    expect(updated.body.data).toMatchObject({ version: '6.7.1' });
    expect(readFileSync(join(wpDir, 'index.php'), 'utf8')).toContain("'6.7.1'");
    // The config (database settings) survives the update.
    expect(readFileSync(join(wpDir, 'wp-config.php'), 'utf8')).toContain(`$db_name = '${wp['db-name']}';`);

    const listed = await installer<Array<{ id: string }>>(gw, 'GET', '/backups', { user: 'dave' });
    expect(listed.body.data.map((b) => b.id)).toEqual([backup.body.data.id]);
    expect((await installer(gw, 'POST', `/installs/${wp['id']}/restore`, { backup: 'nope' })).body).toMatchObject({ status: 400, errcode: 'invalid_argument_backup' });
    expect((await installer(gw, 'POST', `/installs/${wp['id']}/restore`)).body).toMatchObject({ status: 400, errcode: 'empty_argument_backup' });
    const restored = await installer(gw, 'POST', `/installs/${wp['id']}/restore`, { backup: backup.body.data.id });
    expect(restored.body.data).toMatchObject({ version: '6.5.5' });
    expect(readFileSync(join(wpDir, 'index.php'), 'utf8')).toContain("'6.5.5'");
  });

  it('runs backup and update in the background as tasks', async () => {
    const b = await installer<{ task: string }>(gw, 'POST', `/installs/${wp['id']}/backup`, { background: true });
    const done = await waitForTask(gw, b.body.data.task);
    expect(done).toMatchObject({ cmd: 'installs/backup', status: 'completed', result: { install: wp['id'] } });
    const u = await installer<{ task: string }>(gw, 'POST', `/installs/${wp['id']}/update`, { background: true, version: '6.6.2' });
    expect(await waitForTask(gw, u.body.data.task)).toMatchObject({ cmd: 'installs/update', status: 'completed', result: { version: '6.6.2' } });
    const tasks = await installer<Array<{ cmd: string }>>(gw, 'GET', '/tasks', { user: 'dave' });
    expect(tasks.body.data.map((t) => t.cmd)).toEqual(['installs/update', 'installs/backup']);
  });

  it('deletes a backup and its files', async () => {
    const listed = await installer<Array<{ id: string }>>(gw, 'GET', '/backups', { install: wp['id'] });
    const id = listed.body.data[0].id;
    expect((await installer(gw, 'DELETE', `/backups/${id}`)).status).toBe(200);
    expect(existsSync(join(gw.db.settings.dataDir, 'installer', 'backups', id))).toBe(false);
    expect((await installer(gw, 'GET', `/backups/${id}`)).body).toMatchObject({ status: 404, errcode: 'backup_not_found' });
  });

  it('gives a single-use SSO URL to the admin area of applications that support it', async () => {
    const login = await installer<string>(gw, 'POST', `/installs/${wp['id']}/login`);
    expect(login.status).toBe(200);
    const first = await call(login.body.data);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://dave.example/wp-admin/');
    expect((await call(login.body.data)).status).toBe(403);
    const drupal = (await installer<Array<{ id: string }>>(gw, 'GET', '/installs', { user: 'erin' })).body.data[0];
    expect((await installer(gw, 'POST', `/installs/${drupal.id}/login`)).body).toMatchObject({ status: 403, errcode: 'invalid_argument_id' });
  });

  it('uninstalls: files and database go, the owner’s other files stay', async () => {
    writeFileSync(join(wpDir, 'my-notes.txt'), 'keep me');
    const dry = await installer(gw, 'DELETE', `/installs/${wp['id']}`, { dryrun: 'all' });
    expect(dry.body).toMatchObject({ errcode: 'complete_dryrun' });
    expect(existsSync(join(wpDir, 'index.php'))).toBe(true);
    const r = await installer<{ task: string }>(gw, 'DELETE', `/installs/${wp['id']}`, { background: true });
    expect(await waitForTask(gw, r.body.data.task)).toMatchObject({ cmd: 'installs/uninstall', status: 'completed' });
    expect(existsSync(join(wpDir, 'index.php'))).toBe(false);
    expect(existsSync(join(wpDir, 'wp-config.php'))).toBe(false);
    expect(readFileSync(join(wpDir, 'my-notes.txt'), 'utf8')).toBe('keep me');
    expect(JSON.parse((await hestia(gw, 'v-list-databases', ['dave', 'json'])).body)).toEqual({});
    expect((await installer(gw, 'GET', `/installs/${wp['id']}`)).body).toMatchObject({ status: 404 });
  });

  describe('operations on one install take turns', () => {
    /** A WordPress 6.5.5 site of a new user: the install's id and its web root. */
    const newSite = async (user: string): Promise<{ id: string; dir: string }> => {
      await userWithSites(gw, user, [`${user}.example`]);
      const site = (await installer<Record<string, string>>(gw, 'POST', '/browser/wordpress/install', { user, url: `https://${user}.example/`, version: '6.5.5', ...WP_FIELDS })).body.data;
      return { id: site['id'], dir: join(gw.db.settings.dataDir, 'home', user, 'web', `${user}.example`, 'public_html') };
    };

    /**
     * Sends `request` and `other` so that `other` is asked for right as the request's provisioner
     * `step` starts; the step goes on once `other` has either finished (it did not wait) or is
     * waiting for the install's turn (`waiting`: by default, queued behind it in this process).
     * Answers both replies.
     */
    const during = async <R>(
      installId: string,
      step: 'backup' | 'restore',
      other: () => Promise<{ status: number }>,
      request: () => Promise<R>,
      waiting = (): boolean => gw.app.get(InstallTurns).pending(installId) >= 2,
    ): Promise<[R, { status: number } | undefined]> => {
      let running: Promise<{ status: number }> | undefined;
      let ended = false;
      const answer = await beforeCall(
        gw.app.get(InstallProvisioner),
        step,
        async () => {
          running = other().then(({ status }) => {
            ended = true;
            return { status };
          });
          // No deadline of its own: jest's is the bound.
          while (!ended && !waiting()) await new Promise((resolve) => setTimeout(resolve, 5));
        },
        request,
      );
      return [answer, await running];
    };

    it('an uninstall asked for while a backup copies waits for it: the backup holds the whole site, then the site goes', async () => {
      const site = await newSite('gina');
      const [backup, uninstalled] = await during(site.id, 'backup', () => installer(gw, 'DELETE', `/installs/${site.id}`), () => installer<{ id: string; size: number }>(gw, 'POST', `/installs/${site.id}/backup`));
      expect(backup.status).toBe(200);
      const archive = join(gw.db.settings.dataDir, 'installer', 'backups', backup.body.data.id);
      expect(readFileSync(join(archive, 'index.php'), 'utf8')).toContain("'6.5.5'");
      expect(existsSync(join(archive, 'wp-config.php'))).toBe(true);
      expect(uninstalled?.status).toBe(200);
      expect(existsSync(join(site.dir, 'index.php'))).toBe(false);
      expect((await installer(gw, 'GET', `/installs/${site.id}`)).body).toMatchObject({ status: 404 });
    });

    it('a backup deleted while a restore copies from it goes once the restore is done', async () => {
      const site = await newSite('ivan');
      const saved = (await installer<{ id: string }>(gw, 'POST', `/installs/${site.id}/backup`)).body.data.id;
      expect((await installer(gw, 'POST', `/installs/${site.id}/update`)).body.status).toBe(200);
      const [restored, deleted] = await during(site.id, 'restore', () => installer(gw, 'DELETE', `/backups/${saved}`), () => installer<{ version: string }>(gw, 'POST', `/installs/${site.id}/restore`, { backup: saved }));
      expect(restored.body).toMatchObject({ status: 200, data: { version: '6.5.5' } });
      expect(readFileSync(join(site.dir, 'index.php'), 'utf8')).toContain("'6.5.5'");
      expect(deleted?.status).toBe(200);
      expect((await installer(gw, 'GET', `/backups/${saved}`)).body).toMatchObject({ status: 404 });
    });

    it('a site deleted through the panel as a backup starts copying leaves no backup: the install is gone (404)', async () => {
      const site = await newSite('jane');
      const archives = join(gw.db.settings.dataDir, 'installer', 'backups');
      const before = existsSync(archives) ? readdirSync(archives).length : 0;
      const backup = await beforeCall(
        gw.app.get(InstallProvisioner),
        'backup',
        async () => expect(await exitCode(gw, 'v-delete-web-domain', ['jane', 'jane.example'])).toBe('0'),
        () => installer(gw, 'POST', `/installs/${site.id}/backup`),
      );
      expect(backup.body).toMatchObject({ status: 404, errcode: 'install_not_found' });
      expect(existsSync(archives) ? readdirSync(archives).length : 0).toBe(before);
      expect((await installer<unknown[]>(gw, 'GET', '/backups', { user: 'jane' })).body.data).toEqual([]);
    });

    it('a backup whose record the database refuses after the copy leaves no archive behind', async () => {
      const site = await newSite('lena');
      const archives = join(gw.db.settings.dataDir, 'installer', 'backups');
      const before = existsSync(archives) ? readdirSync(archives).length : 0;
      const refused = jest.spyOn(Repository.prototype, 'save').mockRejectedValueOnce(new Error('disk full'));
      try {
        const backup = await installer(gw, 'POST', `/installs/${site.id}/backup`);
        expect(backup.status).toBe(500);
        expect(refused).toHaveBeenCalledTimes(1);
      } finally {
        refused.mockRestore();
      }
      expect(existsSync(archives) ? readdirSync(archives).length : 0).toBe(before);
      expect((await installer<unknown[]>(gw, 'GET', '/backups', { user: 'lena' })).body.data).toEqual([]);
    });

    it('an uninstall through a second process on the same database and files waits for the backup the first is copying', async () => {
      const site = await newSite('kate');
      // A replica (or the installer CLI) beside this gateway: its own process state, the same data.
      const other = await startTestGateway({}, gw.db);
      try {
        const [backup, uninstalled] = await during(
          site.id,
          'backup',
          () => installer(other, 'DELETE', `/installs/${site.id}`),
          () => installer<{ id: string }>(gw, 'POST', `/installs/${site.id}/backup`),
          () => other.app.get(InstallLeases).waiting(site.id) >= 1,
        );
        expect(backup.status).toBe(200);
        const archive = join(gw.db.settings.dataDir, 'installer', 'backups', backup.body.data.id);
        expect(readFileSync(join(archive, 'index.php'), 'utf8')).toContain("'6.5.5'");
        expect(uninstalled?.status).toBe(200);
        expect(existsSync(join(site.dir, 'index.php'))).toBe(false);
        expect((await installer(gw, 'GET', `/installs/${site.id}`)).body).toMatchObject({ status: 404 });
      } finally {
        await other.close();
      }
      // Each app authenticates with its own strategies: the second one's, bound to its closed
      // database, are not what this one runs (passport's registry is one per process).
      expect((await installer(gw, 'GET', '/installs', { user: 'kate' })).status).toBe(200);
      expect(await exitCode(gw, 'v-list-users', ['json'])).toBe('0');
    });

    it('two updates at once: one updates, the other finds the install already at that version', async () => {
      const site = await newSite('hank');
      const [first, second] = await Promise.all([installer(gw, 'POST', `/installs/${site.id}/update`), installer(gw, 'POST', `/installs/${site.id}/update`)]);
      expect([first.body.status, second.body.status].sort()).toEqual([200, 400]);
      expect([first, second].find((r) => r.body.status === 400)?.body).toMatchObject({ errcode: 'invalid_argument_version', message: 'The install is already at version 6.7.1.\n' });
      expect((await installer<{ version: string }>(gw, 'GET', `/installs/${site.id}`)).body.data.version).toBe('6.7.1');
    });
  });

  it('deleting the account through the panel takes its home (web roots and installs) and its backup archives with it', async () => {
    await userWithSites(gw, 'fran', ['fran.example']);
    const site = (await installer<Record<string, string>>(gw, 'POST', '/browser/wordpress/install', { user: 'fran', url: 'https://fran.example/', ...WP_FIELDS })).body.data;
    const backup = (await installer<{ id: string }>(gw, 'POST', `/installs/${site['id']}/backup`)).body.data;
    const home = join(gw.db.settings.dataDir, 'home', 'fran');
    const archive = join(gw.db.settings.dataDir, 'installer', 'backups', backup.id);
    expect([existsSync(join(home, 'web', 'fran.example', 'public_html', 'index.php')), existsSync(archive)]).toEqual([true, true]);
    expect(await exitCode(gw, 'v-delete-user', ['fran'])).toBe('0');
    expect([existsSync(home), existsSync(archive)]).toEqual([false, false]);
    expect((await installer(gw, 'GET', `/backups/${backup.id}`)).body).toMatchObject({ status: 404, errcode: 'backup_not_found' });
    // Everyone else's files stay.
    expect(existsSync(join(gw.db.settings.dataDir, 'home', 'erin', 'web', 'erin.example', 'public_html', 'site'))).toBe(true);
  });

  it('deleting a web domain through the panel takes the applications installed on it, keeps their databases and the account’s other sites', async () => {
    await userWithSites(gw, 'gail', ['gail.example', 'two.gail.example']);
    const doomed = (await installer<Record<string, string>>(gw, 'POST', '/browser/wordpress/install', { user: 'gail', url: 'https://two.gail.example/blog', ...WP_FIELDS })).body.data;
    const kept = (await installer<Record<string, string>>(gw, 'POST', '/browser/wordpress/install', { user: 'gail', url: 'https://gail.example/', ...WP_FIELDS })).body.data;
    const databases = Object.keys(JSON.parse((await hestia(gw, 'v-list-databases', ['gail', 'json'])).body) as object);
    expect(databases).toHaveLength(2);
    expect(await exitCode(gw, 'v-delete-web-domain', ['gail', 'two.gail.example'])).toBe('0');
    // Its files went with the domain's directory: no record is left pointing at them.
    expect(existsSync(join(gw.db.settings.dataDir, 'home', 'gail', 'web', 'two.gail.example'))).toBe(false);
    expect((await installer(gw, 'GET', `/installs/${doomed['id']}`)).body).toMatchObject({ status: 404, errcode: 'install_not_found' });
    const listed = await installer<Array<{ id: string }>>(gw, 'GET', '/installs', { user: 'gail' });
    expect(listed.body.data.map((i) => i.id)).toEqual([kept['id']]);
    expect(existsSync(join(gw.db.settings.dataDir, 'home', 'gail', 'web', 'gail.example', 'public_html', 'index.php'))).toBe(true);
    expect(Object.keys(JSON.parse((await hestia(gw, 'v-list-databases', ['gail', 'json'])).body) as object)).toEqual(databases);
    // The url is free again once the domain is back.
    expect(await exitCode(gw, 'v-add-web-domain', ['gail', 'two.gail.example'])).toBe('0');
    expect((await installer(gw, 'POST', '/browser/wordpress/install', { user: 'gail', url: 'https://two.gail.example/blog', ...WP_FIELDS })).status).toBe(200);
  });
});
