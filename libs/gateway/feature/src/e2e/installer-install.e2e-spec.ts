import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsService, InstallProvisioner } from '@hostgate/domain';
import { exitCode, hestia } from './panel-client';
import { type Envelope, installer, waitForTask } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { startTestGateway, type TestGateway } from './test-gateway';

describe('installer: POST /browser/{id}/install', () => {
  let gw: TestGateway;
  const install = (params: Record<string, unknown>, app = 'wordpress') => installer<Record<string, string>>(gw, 'POST', `/browser/${app}/install`, { ...WP_FIELDS, ...params });
  const databases = async (user: string) => Object.keys(JSON.parse((await hestia(gw, 'v-list-databases', [user, 'json'])).body) as object);

  beforeAll(async () => {
    gw = await startTestGateway();
    await userWithSites(gw, 'alice', ['alice.example', 'blog.alice.example']);
    await userWithSites(gw, 'bob', ['bob.example']);
  });
  afterAll(() => gw.close());

  it('refuses a url on another user’s website with 403 invalid_argument_user', async () => {
    const r = await install({ user: 'alice', url: 'https://bob.example/' });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ result: false, errcode: 'invalid_argument_user', errfield: 'user', data: null });
  });

  it('answers 404 application_not_found, 400 empty_argument_user and 404 user_not_found', async () => {
    expect((await install({ user: 'alice', url: 'https://alice.example/' }, 'no-such-app')).body).toMatchObject({ status: 404, errcode: 'application_not_found' });
    expect((await install({ url: 'https://alice.example/' })).body).toMatchObject({ status: 400, errcode: 'empty_argument_user', errfield: 'user' });
    expect((await install({ user: 'ghost', url: 'https://alice.example/' })).body).toMatchObject({ status: 404, errcode: 'user_not_found' });
  });

  it('checks version, language, login, passwd, email and content with their errfield', async () => {
    const base = { user: 'alice', url: 'https://alice.example/x' };
    const cases: Array<[Record<string, string>, string]> = [
      [{ version: '1.0.0' }, 'version'],
      [{ language: 'xx' }, 'language'],
      [{ login: 'bad login!' }, 'login'],
      [{ passwd: '123' }, 'passwd'],
      [{ email: 'not-an-email' }, 'email'],
      [{ content: 'maybe' }, 'content'],
      [{ autoup: 'sometimes' }, 'autoup'],
    ];
    for (const [extra, field] of cases) {
      const r = await install({ ...base, ...extra });
      expect({ field, status: r.status, errcode: r.body.errcode, errfield: r.body.errfield }).toEqual({ field, status: 400, errcode: `invalid_argument_${field}`, errfield: field });
    }
    expect(await databases('alice')).toEqual([]);
  });

  it('refuses urls off the user’s websites or escaping the document root', async () => {
    for (const url of ['https://nowhere.example/', 'ftp://alice.example/', 'https://alice.example/../../etc', 'https://alice.example/a/./b', 'not a url', 'https://alice.example/x?y=1']) {
      const r = await install({ user: 'alice', url });
      expect({ url, status: r.status, errcode: r.body.errcode }).toEqual({ url, status: 400, errcode: 'invalid_argument_url' });
    }
    expect((await install({ user: 'alice' })).body).toMatchObject({ status: 400, errcode: 'empty_argument_url' });
  });

  it('a dry run checks everything and changes nothing', async () => {
    const r = await install({ user: 'alice', url: 'https://alice.example/dry', dryrun: 'all' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ result: true, errcode: 'complete_dryrun', data: { installer: 'wordpress', url: 'https://alice.example/dry' } });
    expect(await databases('alice')).toEqual([]);
    expect((await installer(gw, 'GET', '/installs', { user: 'alice' })).body.total_count).toBe(0);
    expect(existsSync(join(gw.db.settings.dataDir, 'home', 'alice', 'web', 'alice.example', 'public_html', 'dry'))).toBe(false);
    // A dry run reports the failures a real run would.
    expect((await install({ user: 'alice', url: 'https://bob.example/', dryrun: 'all' })).body).toMatchObject({ status: 403, errcode: 'invalid_argument_user' });
  });

  it('a used url answers invalid_argument_url_alreadyexists, whatever the scheme or www', async () => {
    const first = await install({ user: 'alice', url: 'https://blog.alice.example/' });
    expect(first.status).toBe(200);
    for (const url of ['https://blog.alice.example', 'http://blog.alice.example/']) {
      const again = await install({ user: 'alice', url });
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({ errcode: 'invalid_argument_url_alreadyexists', errfield: 'url' });
    }
    expect(await databases('alice')).toEqual([first.body.data['db-name']]);
  });

  it('of two concurrent installs on one url exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => install({ user: 'bob', url: 'https://bob.example/race' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400]);
    for (const r of results.filter((x) => x.status === 400)) expect(r.body.errcode).toBe('invalid_argument_url_alreadyexists');
    // Only the winner's database exists.
    expect(await databases('bob')).toHaveLength(1);
    expect((await installer(gw, 'GET', '/installs', { user: 'bob' })).body.total_count).toBe(1);
  });

  it('background returns at once with a task that ends completed', async () => {
    const r = await install({ user: 'bob', url: 'http://bob.example/bg', background: true }, 'joomla');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ id: expect.stringMatching(/^joomla-/), task: expect.any(String), status: 'queued' });
    const task = await waitForTask(gw, r.body.data['task']);
    expect(task).toMatchObject({ cmd: 'browser/install', user: 'bob', install: r.body.data['id'], status: 'completed', progress: 100, errcode: null, result: { id: r.body.data['id'], version: '5.2.2' } });
    const dir = join(gw.db.settings.dataDir, 'home', 'bob', 'web', 'bob.example', 'public_html', 'bg');
    expect(readdirSync(dir).sort()).toEqual(['HOSTGATE-INSTALL.txt', 'configuration.php', 'index.php']);
    expect((await installer(gw, 'GET', `/installs/${r.body.data['id']}`)).body.data).toMatchObject({ status: 'installed' });
  });

  it('an application without a database counts nothing against the package', async () => {
    const before = await databases('bob');
    const r = await install({ user: 'bob', url: 'http://bob.example/grav' }, 'grav');
    expect(r.status).toBe(200);
    expect(r.body.data['db-name']).toBeNull();
    expect(await databases('bob')).toEqual(before);
  });

  it('counts the install’s database against the package’s DATABASES limit (500 failed_database_create)', async () => {
    expect(await exitCode(gw, 'v-make-tmp-file', ["WEB_DOMAINS='5'\nDATABASES='1'", 'onedb.pkg'])).toBe('0');
    expect(await exitCode(gw, 'v-add-user-package', ['/tmp', 'onedb'])).toBe('0');
    const made = await installer(gw, 'POST', '/users', { id: 'lim', package: 'onedb', websites: [{ label: 'lim.example' }] });
    expect(made.status).toBe(200);
    expect((await install({ user: 'lim', url: 'https://lim.example/one' })).status).toBe(200);
    const full = await install({ user: 'lim', url: 'https://lim.example/two' });
    expect(full.status).toBe(500);
    expect(full.body).toMatchObject({ result: false, errcode: 'failed_database_create' });
    // Nothing of the refused install remains, and the location stays free.
    expect(await databases('lim')).toHaveLength(1);
    expect((await installer(gw, 'GET', '/installs', { user: 'lim' })).body.total_count).toBe(1);
    // Without a database, an application still installs.
    expect((await install({ user: 'lim', url: 'https://lim.example/two' }, 'grav')).status).toBe(200);
  });

  it('a provisioning failure answers 500 failed_filesystem_permission and leaves nothing behind', async () => {
    // A file where the install's directory must go: the files cannot be written.
    const docroot = join(gw.db.settings.dataDir, 'home', 'alice', 'web', 'alice.example', 'public_html');
    mkdirSync(docroot, { recursive: true });
    writeFileSync(join(docroot, 'blocked'), 'not a directory');
    const before = await databases('alice');
    const r = await install({ user: 'alice', url: 'https://alice.example/blocked/' });
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ result: false, errcode: 'failed_filesystem_permission', errfield: null, data: null });
    expect(await databases('alice')).toEqual(before);
    expect((await installer<Array<{ url: string }>>(gw, 'GET', '/installs', { user: 'alice' })).body.data.map((i) => i.url)).not.toContain('https://alice.example/blocked');
    // In the background the job fails with the same errcode and the install is taken back too.
    const bg = await install({ user: 'alice', url: 'https://alice.example/blocked/', background: true });
    const task = await waitForTask(gw, bg.body.data['task']);
    expect(task).toMatchObject({ status: 'failed', errcode: 'failed_filesystem_permission' });
    expect((await installer(gw, 'GET', `/installs/${bg.body.data['id']}`)).body).toMatchObject({ status: 404 });
    expect(await databases('alice')).toEqual(before);
  });

  it('an account deleted while its install’s files are written takes them with it: 404 user_not_found, no files, no record', async () => {
    await userWithSites(gw, 'gone', ['gone.example']);
    const provisioner = gw.app.get(InstallProvisioner);
    const accounts = gw.app.get(AccountsService);
    const realInstall = provisioner.install.bind(provisioner);
    // The account (home included) is deleted after the install's record was made, before its files are written.
    const interleaved = jest.spyOn(provisioner, 'install').mockImplementation(async (target, options) => {
      await accounts.delete('gone');
      return realInstall(target, options);
    });
    let r: Awaited<ReturnType<typeof install>>;
    try {
      r = await install({ user: 'gone', url: 'https://gone.example/blog/' });
    } finally {
      interleaved.mockRestore();
    }
    expect({ status: r.status, errcode: r.body.errcode }).toEqual({ status: 404, errcode: 'user_not_found' });
    // Nothing was left for a new account of the same name to find.
    expect(existsSync(join(gw.db.settings.dataDir, 'home', 'gone'))).toBe(false);
    await userWithSites(gw, 'gone', ['gone.example']);
    expect((await installer(gw, 'GET', '/installs', { user: 'gone' })).body.total_count).toBe(0);
    expect(existsSync(join(gw.db.settings.dataDir, 'home', 'gone', 'web', 'gone.example', 'public_html', 'blog'))).toBe(false);
    // And the new account installs on the same url.
    expect((await install({ user: 'gone', url: 'https://gone.example/blog/' })).status).toBe(200);
  });

  it('an account deleted while an update, a restore or a backup is written: 404 user_not_found and nothing left on disk', async () => {
    const provisioner = gw.app.get(InstallProvisioner);
    const accounts = gw.app.get(AccountsService);
    const dataDir = gw.db.settings.dataDir;
    // Before the given provisioner step writes, the account (home and backup archives included) is deleted.
    const deletedBefore = async (step: 'install' | 'restore' | 'backup', call: () => Promise<{ status: number; body: Envelope }>) => {
      const real = provisioner[step].bind(provisioner) as (...a: unknown[]) => Promise<never>;
      const spy = jest.spyOn(provisioner, step).mockImplementation((async (...args: unknown[]) => {
        await accounts.delete('late');
        return real(...args);
      }) as never);
      try {
        return await call();
      } finally {
        spy.mockRestore();
      }
    };
    const fresh = async (): Promise<string> => {
      await userWithSites(gw, 'late', ['late.example']);
      return (await install({ user: 'late', url: 'https://late.example/', version: '6.5.5' })).body.data['id'];
    };

    const older = await fresh();
    const updated = await deletedBefore('install', () => installer(gw, 'POST', `/installs/${older}/update`));
    expect({ status: updated.status, errcode: updated.body.errcode }).toEqual({ status: 404, errcode: 'user_not_found' });
    expect(existsSync(join(dataDir, 'home', 'late'))).toBe(false);

    const id = await fresh();
    const backup = (await installer<{ id: string }>(gw, 'POST', `/installs/${id}/backup`)).body.data;
    const restored = await deletedBefore('restore', () => installer(gw, 'POST', `/installs/${id}/restore`, { backup: backup.id }));
    expect({ status: restored.status, errcode: restored.body.errcode }).toEqual({ status: 404, errcode: 'user_not_found' });
    expect(existsSync(join(dataDir, 'home', 'late'))).toBe(false);

    const backups = join(dataDir, 'installer', 'backups');
    const before = existsSync(backups) ? readdirSync(backups) : [];
    const third = await fresh();
    const copied = await deletedBefore('backup', () => installer(gw, 'POST', `/installs/${third}/backup`));
    expect({ status: copied.status, errcode: copied.body.errcode }).toEqual({ status: 404, errcode: 'user_not_found' });
    // The copy made after the account's archives were removed went too.
    expect(readdirSync(backups).filter((b) => !before.includes(b))).toEqual([]);
  });
});
