import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HostgateConfig } from '@hostgate/shared/config';
import { parseApplication } from './catalog/application-catalog';
import { applicationFiles, FilesystemProvisioner, type ProvisionTarget } from './provisioner';

describe('FilesystemProvisioner', () => {
  let dir: string;
  let provisioner: FilesystemProvisioner;
  const app = parseApplication({ id: 'nested', name: "O'Reilly CMS", config_file: 'sites/default/settings.php', versions: [{ version: '1.0' }] }, 'test');
  const target: ProvisionTarget = {
    installId: 'nested-1',
    username: 'alice',
    domain: 'alice.example',
    path: 'cms',
    url: 'https://alice.example/cms',
    application: app,
    version: '1.0',
    title: "It's mine",
    login: 'admin',
    email: 'a@alice.example',
    database: { name: 'alice_db', user: 'alice_db', password: "p'w\\", host: 'localhost', type: 'mysql', prefix: 'nc_' },
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'prov-'));
    provisioner = new FilesystemProvisioner({ dataDir: dir } as HostgateConfig);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the tree under home/<user>/web/<domain>/public_html/<path>, quoting values for PHP', async () => {
    await provisioner.install(target);
    const root = join(dir, 'home', 'alice', 'web', 'alice.example', 'public_html', 'cms');
    const config = readFileSync(join(root, 'sites', 'default', 'settings.php'), 'utf8');
    expect(config).toContain("$db_name = 'alice_db';");
    expect(config).toContain("$db_password = 'p\\'w\\\\';");
    expect(config).toContain("$site_title = 'It\\'s mine';");
    expect(readFileSync(join(root, 'index.php'), 'utf8')).toContain("define('APP_NAME', 'O\\'Reilly CMS');");
  });

  it('uninstalls only what it wrote, removing the directories it made', async () => {
    await provisioner.install(target);
    const docroot = join(dir, 'home', 'alice', 'web', 'alice.example', 'public_html');
    writeFileSync(join(docroot, 'keep.html'), 'x');
    await provisioner.uninstall(target);
    expect(existsSync(join(docroot, 'cms'))).toBe(false);
    expect(existsSync(join(docroot, 'keep.html'))).toBe(true);
    // Idempotent: a second run (a re-run job) finds nothing to do.
    await expect(provisioner.uninstall(target)).resolves.toBeUndefined();
  });

  it('a backup cut short keeps nothing of its copy and says it is the backup that failed', async () => {
    await provisioner.install(target);
    const root = join(dir, 'home', 'alice', 'web', 'alice.example', 'public_html', 'cms');
    // The last file of the tree cannot be copied (a directory where the file was): the ones before it were.
    const files = Object.keys(applicationFiles(target));
    const last = join(root, files[files.length - 1]);
    rmSync(last);
    mkdirSync(join(last, 'inner'), { recursive: true });
    await expect(provisioner.backup(target, 'nested-1-b')).rejects.toMatchObject({ errcode: 'failed_filesystem_permission', summary: 'The backup could not be made.' });
    expect(existsSync(join(dir, 'installer', 'backups', 'nested-1-b'))).toBe(false);
  });

  it('keeps a user’s own files inside the install directory', async () => {
    await provisioner.install(target);
    const root = join(dir, 'home', 'alice', 'web', 'alice.example', 'public_html', 'cms');
    writeFileSync(join(root, 'uploads.txt'), 'mine');
    await provisioner.uninstall(target);
    expect(readFileSync(join(root, 'uploads.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(root, 'index.php'))).toBe(false);
  });

  it('refuses a target that would escape the data directory', async () => {
    await expect(provisioner.install({ ...target, path: '../../../../escape' })).rejects.toThrow();
    expect(existsSync(join(dir, '..', 'escape'))).toBe(false);
    expect(() => provisioner.directory({ username: '..', domain: 'x.example', path: '' })).toThrow('not an account name');
    expect(() => provisioner.directory({ username: 'u', domain: '..', path: '' })).toThrow('not a domain name');
    expect(() => provisioner.directory({ username: 'u', domain: 'x.example', path: '../..' })).toThrow(/escapes/);
  });

  it('an update can keep the existing config', async () => {
    await provisioner.install(target);
    await provisioner.install({ ...target, version: '2.0', database: { ...(target.database as NonNullable<ProvisionTarget['database']>), password: '' } }, { writeConfig: false });
    const root = join(dir, 'home', 'alice', 'web', 'alice.example', 'public_html', 'cms');
    expect(readFileSync(join(root, 'index.php'), 'utf8')).toContain("'2.0'");
    expect(readFileSync(join(root, 'sites', 'default', 'settings.php'), 'utf8')).toContain("$db_password = 'p\\'w\\\\';");
    expect(Object.keys(applicationFiles(target))).toEqual(['index.php', 'sites/default/settings.php', 'HOSTGATE-INSTALL.txt']);
  });
});
