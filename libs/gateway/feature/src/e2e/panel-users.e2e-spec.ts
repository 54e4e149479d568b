import { DataSource } from 'typeorm';
import { TempFilesService } from '@hostgate/domain';
import { AccountEntity, HostingPackageEntity, WebDomainEntity, WebDomainNameEntity } from '@hostgate/shared/persistence';
import { adminAccessKey, e2eGolden, expectAllStrings, exitCode, hestia, maskClock } from './panel-client';
import { call, CREDS, form, startTestGateway, type TestGateway } from './test-gateway';

/** The names a web domain inserted straight into the table answers to, as the panel records them. */
async function addNames(ds: DataSource, domain: string, aliases: string): Promise<void> {
  const { id } = await ds.getRepository(WebDomainEntity).findOneByOrFail({ domain });
  const names = [{ name: domain, kind: 'domain' as const }, ...aliases.split(',').filter((a) => a !== '').map((name) => ({ name, kind: 'alias' as const }))];
  await ds.getRepository(WebDomainNameEntity).insert(names.map((n) => ({ ...n, webDomainId: id })));
}

describe('panel users and packages (HestiaCP v-*-user commands over HTTP)', () => {
  let gw: TestGateway;
  let ds: DataSource;

  const addUser = (user: string, extra: readonly string[] = []) => exitCode(gw, 'v-add-user', [user, 'Passw0rd!', `${user}@example.com`, ...extra]);
  const listUser = async (user: string): Promise<Record<string, string>> => {
    const r = await hestia(gw, 'v-list-user', [user, 'json']);
    return (JSON.parse(r.body) as Record<string, Record<string, string>>)[user];
  };
  const addDomain = async (user: string, domain: string, aliases = ''): Promise<void> => {
    const account = await ds.getRepository(AccountEntity).findOneByOrFail({ username: user });
    await ds.getRepository(WebDomainEntity).insert({ accountId: account.id, domain, aliases });
    await addNames(ds, domain, aliases);
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    ds = gw.app.get(DataSource);
  });
  afterAll(() => gw.close());

  describe('v-add-user', () => {
    it('creates the seed example user (returncode=yes answers 0) with NAME = "NAME LASTNAME"', async () => {
      expect(await exitCode(gw, 'v-add-user', ['demo', 'd3m0p4ssw0rd', 'demo@gmail.com', 'default', 'Rust', 'Cohle'])).toBe('0');
      const demo = await listUser('demo');
      expect(demo).toMatchObject({ NAME: 'Rust Cohle', PACKAGE: 'default', CONTACT: 'demo@gmail.com', ROLE: 'user', SUSPENDED: 'no', HOME: '/home/demo' });
      expect((await hestia(gw, 'v-check-user-password', ['demo', 'd3m0p4ssw0rd'])).body).toBe('OK');
    });

    it('answers exactly OK in data mode, and takes the default package when PACKAGE is absent', async () => {
      const r = await hestia(gw, 'v-add-user', ['okuser', 'Passw0rd!', 'ok@example.com']);
      expect(r.status).toBe(200);
      expect(r.body).toBe('OK');
      expect((await listUser('okuser'))['PACKAGE']).toBe('default');
    });

    it('tolerates extra trailing arguments up to arg13', async () => {
      const args = ['extra', 'Passw0rd!', 'extra@example.com', 'default', 'First', 'Last', 'x', 'y', 'z', 'a', 'b', 'c', 'd'];
      expect(await exitCode(gw, 'v-add-user', args)).toBe('0');
      expect((await listUser('extra'))['NAME']).toBe('First Last');
    });

    it('prints the usage line (trailing space, no [LASTNAME]) for too few arguments: exit 1', async () => {
      const r = await hestia(gw, 'v-add-user', ['someone', 'Passw0rd!']);
      expect(r.status).toBe(200);
      expect(r.body).toBe('Usage: v-add-user USER PASSWORD EMAIL [PACKAGE] [NAME] \n');
      expect(await exitCode(gw, 'v-add-user', ['someone', 'Passw0rd!'])).toBe('1');
    });

    it.each([
      ['1starts-with-digit'],
      ['has.dot'],
      ['x'],
      ['jürgen'],
      ['a'.repeat(31)],
      ['semi;colon'],
      ['dollar$(id)'],
      ['new\nline'],
      ['nul\u0000byte'],
      ['-dash'],
    ])('refuses the user name %j with exit 2 and invalid user format', async (name) => {
      const r = await hestia(gw, 'v-add-user', [name, 'Passw0rd!', 'u@example.com']);
      expect(r.status).toBe(200);
      expect(r.body).toBe(`Error: invalid user format :: ${name}\n`);
      expect(await exitCode(gw, 'v-add-user', [name, 'Passw0rd!', 'u@example.com'])).toBe('2');
    });

    it('accepts a 30-character name and the `|` Hestia lets through', async () => {
      expect(await addUser(`a${'b'.repeat(29)}`)).toBe('0');
      expect(await exitCode(gw, 'v-add-user', ['pipe|name', 'Passw0rd!', 'pipe@example.com'])).toBe('0');
    });

    it('refuses reserved names case-insensitively (exit 2)', async () => {
      const r = await hestia(gw, 'v-add-user', ['MySQL', 'Passw0rd!', 'm@example.com']);
      expect(r.body).toBe("Error: The user name 'MySQL' is reserved and cannot be used. List of reserved names: aria, aria_log, mysql, mysql_upgrade, ib, ib_buffer, ddl, ddl_recovery, performance, sudo\n");
      expect(await exitCode(gw, 'v-add-user', ['sudo', 'Passw0rd!', 's@example.com'])).toBe('2');
    });

    it('refuses a bad email, package or name format (exit 2)', async () => {
      expect((await hestia(gw, 'v-add-user', ['bademail', 'Passw0rd!', 'not-an-email'])).body).toBe('Error: invalid email format :: not-an-email\n');
      expect((await hestia(gw, 'v-add-user', ['badpkg', 'Passw0rd!', 'b@example.com', 'no/slash'])).body).toBe('Error: invalid package format :: no/slash\n');
      expect((await hestia(gw, 'v-add-user', ['badname', 'Passw0rd!', 'b@example.com', 'default', 'Bobby "Tables"'])).body).toBe('Error: Invalid name contains qoutes (" or \') :: Bobby "Tables"\n');
      expect(await exitCode(gw, 'v-add-user', ['badname', 'Passw0rd!', 'b@example.com', 'default', 'ok', "O'Brien"])).toBe('2');
    });

    it('two simultaneous v-add-user calls for one name: one 0, the other 4', async () => {
      const codes = await Promise.all([addUser('twin'), addUser('twin')]);
      expect([...codes].sort()).toEqual(['0', '4']);
    });

    it('refuses an existing user with exit 4', async () => {
      expect((await hestia(gw, 'v-add-user', ['demo', 'Passw0rd!', 'other@example.com'])).body).toBe('Error: user demo exists\n');
      expect(await exitCode(gw, 'v-add-user', [CREDS.panelUser, 'Passw0rd!', 'other@example.com'])).toBe('4');
    });

    it('${4-default}: an empty PACKAGE is not an absent one — package "" does not exist (exit 3)', async () => {
      const r = await hestia(gw, 'v-add-user', ['emptypkg', 'Passw0rd!', 'e@example.com', '']);
      expect(r.body).toBe("Error: package  doesn't exist\n");
      expect(await exitCode(gw, 'v-add-user', ['emptypkg', 'Passw0rd!', 'e@example.com', 'nosuchpkg'])).toBe('3');
      expect((await hestia(gw, 'v-list-user', ['emptypkg'])).body).toBe("Error: user emptypkg doesn't exist\n");
    });

    it('stores metacharacters and long values in free-text fields verbatim, never interpreting them', async () => {
      const name = `$(rm -rf /); \`id\` & | ${'x'.repeat(150)}`;
      expect(await exitCode(gw, 'v-add-user', ['meta', 'p$ss;`word`', 'meta@example.com', 'default', name])).toBe('0');
      expect((await listUser('meta'))['NAME']).toBe(name);
      expect((await hestia(gw, 'v-check-user-password', ['meta', 'p$ss;`word`'])).body).toBe('OK');
    });

    it('in access-key mode answers 204 with Hestia-Exit-Code 0, and failures with the mapped status', async () => {
      const key = await adminAccessKey(gw);
      const auth = { access_key: key.id, secret_key: key.secret };
      const created = await hestia(gw, 'v-add-user', ['viakey', 'Passw0rd!', 'k@example.com'], auth);
      expect(created.status).toBe(204);
      expect(created.body).toBe('');
      expect(created.headers.get('hestia-exit-code')).toBe('0');
      const dup = await hestia(gw, 'v-add-user', ['viakey', 'Passw0rd!', 'k@example.com'], auth);
      expect(dup.status).toBe(400);
      expect(dup.body).toBe('Error: user viakey exists');
      expect(dup.headers.get('hestia-exit-code')).toBe('4');
      const bad = await hestia(gw, 'v-add-user', ['bad.name', 'Passw0rd!', 'k@example.com'], auth);
      expect(bad.status).toBe(422);
      expect(bad.headers.get('hestia-exit-code')).toBe('2');
      const usage = await hestia(gw, 'v-add-user', ['x'], auth);
      expect(usage.status).toBe(400);
      expect(usage.body).toBe('Usage: v-add-user USER PASSWORD EMAIL [PACKAGE] [NAME]');
      const coded = await hestia(gw, 'v-add-user', ['viakey', 'Passw0rd!', 'k@example.com'], auth, { returncode: 'yes' });
      expect([coded.status, coded.body, coded.headers.get('hestia-exit-code')]).toEqual([200, '4', '4']);
    });

    it('reads a JSON body the way the NodeJS example sends it, and a misspelt return_code is data mode', async () => {
      const r = await call(`${gw.url}/panel/api/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: CREDS.panelUser, password: CREDS.panelPassword, returncode: 'yes', cmd: 'v-add-user', arg1: 'jsonuser', arg2: 'Passw0rd!', arg3: 'j@example.com' }),
      });
      expect(r.body).toBe('0');
      const misspelt = await call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: CREDS.panelPassword, return_code: 'yes', cmd: 'v-add-user', arg1: 'misspelt', arg2: 'Passw0rd!', arg3: 'm@example.com' }));
      expect(misspelt.body).toBe('OK');
    });
  });

  describe('v-delete-user', () => {
    it('removes the user, its domains and its access keys (exit 0)', async () => {
      expect(await addUser('gone')).toBe('0');
      await addDomain('gone', 'gone.example.com');
      const key = await adminAccessKey(gw, 'gone', ['billing']);
      expect(await exitCode(gw, 'v-delete-user', ['gone'])).toBe('0');
      expect(await exitCode(gw, 'v-list-user', ['gone'])).toBe('3');
      expect(await ds.getRepository(WebDomainEntity).countBy({ domain: 'gone.example.com' })).toBe(0);
      const withKey = await hestia(gw, 'v-list-users', ['list'], { access_key: key.id, secret_key: key.secret });
      expect(withKey.status).toBe(401);
      // The name is free again.
      expect(await addUser('gone')).toBe('0');
    });

    it('answers exit 3 for an unknown user and 2 for a malformed name', async () => {
      expect((await hestia(gw, 'v-delete-user', ['ghost'])).body).toBe("Error: user ghost doesn't exist\n");
      expect(await exitCode(gw, 'v-delete-user', ['gh;ost'])).toBe('2');
      expect(await exitCode(gw, 'v-delete-user', [])).toBe('1');
    });

    it('is a silent no-op on the ROOT_USER', async () => {
      expect((await hestia(gw, 'v-delete-user', [CREDS.panelUser])).body).toBe('OK');
      expect((await listUser(CREDS.panelUser))['ROLE']).toBe('admin');
    });
  });

  describe('v-suspend-user / v-unsuspend-user', () => {
    it('suspends (exit 0), refuses a second suspend with exit 5, and unsuspends even twice', async () => {
      expect(await addUser('sleepy')).toBe('0');
      expect(await exitCode(gw, 'v-suspend-user', ['sleepy'])).toBe('0');
      expect((await listUser('sleepy'))['SUSPENDED']).toBe('yes');
      expect((await listUser(CREDS.panelUser))['SUSPENDED_USERS']).toBe('1');
      expect((await hestia(gw, 'v-suspend-user', ['sleepy'])).body).toBe('Error: user sleepy is suspended\n');
      expect(await exitCode(gw, 'v-suspend-user', ['sleepy'])).toBe('5');
      expect(await exitCode(gw, 'v-unsuspend-user', ['sleepy'])).toBe('0');
      expect((await listUser('sleepy'))['SUSPENDED']).toBe('no');
      expect(await exitCode(gw, 'v-unsuspend-user', ['sleepy'])).toBe('0');
    });

    it('answers exit 3 for unknown users and leaves the ROOT_USER alone', async () => {
      expect(await exitCode(gw, 'v-suspend-user', ['ghost'])).toBe('3');
      expect(await exitCode(gw, 'v-unsuspend-user', ['ghost'])).toBe('3');
      expect(await exitCode(gw, 'v-suspend-user', [CREDS.panelUser])).toBe('0');
      expect((await listUser(CREDS.panelUser))['SUSPENDED']).toBe('no');
      expect(await exitCode(gw, 'v-suspend-user', [])).toBe('1');
    });
  });

  describe('v-change-user-password', () => {
    it('changes the password (exit 0); the old one then fails v-check-user-password', async () => {
      expect(await addUser('pwuser')).toBe('0');
      expect(await exitCode(gw, 'v-change-user-password', ['pwuser', 'N3w-pass'])).toBe('0');
      expect((await hestia(gw, 'v-check-user-password', ['pwuser', 'N3w-pass'])).body).toBe('OK');
      expect(await exitCode(gw, 'v-check-user-password', ['pwuser', 'Passw0rd!'])).toBe('9');
    });

    it('answers 1 without a password, 3 for an unknown user, 5 for a suspended one', async () => {
      expect((await hestia(gw, 'v-change-user-password', ['pwuser'])).body).toBe('Usage: v-change-user-password USER PASSWORD \n');
      expect(await exitCode(gw, 'v-change-user-password', ['ghost', 'x'])).toBe('3');
      expect(await addUser('pwsusp')).toBe('0');
      expect(await exitCode(gw, 'v-suspend-user', ['pwsusp'])).toBe('0');
      expect((await hestia(gw, 'v-change-user-password', ['pwsusp', 'x'])).body).toBe('Error: user pwsusp is suspended\n');
      expect(await exitCode(gw, 'v-change-user-password', ['pwsusp', 'x'])).toBe('5');
    });
  });

  describe('v-change-user-package', () => {
    beforeAll(async () => {
      await ds.getRepository(HostingPackageEntity).insert({ name: 'tiny', webDomains: '1', webAliases: '1' });
    });

    it('moves a user whose usage fits (exit 0)', async () => {
      expect(await addUser('pkguser')).toBe('0');
      await addDomain('pkguser', 'one.example.com', 'www.one.example.com');
      expect(await exitCode(gw, 'v-change-user-package', ['pkguser', 'tiny'])).toBe('0');
      expect((await listUser('pkguser'))['PACKAGE']).toBe('tiny');
    });

    it('refuses a package that does not cover the usage (exit 8) unless FORCE is yes', async () => {
      expect(await addUser('bigger')).toBe('0');
      await addDomain('bigger', 'a.example.com');
      await addDomain('bigger', 'b.example.com');
      expect((await hestia(gw, 'v-change-user-package', ['bigger', 'tiny'])).body).toBe("Error: Package doesn't cover WEB_DOMAIN usage\n");
      expect(await exitCode(gw, 'v-change-user-package', ['bigger', 'tiny', 'no'])).toBe('8');
      expect(await exitCode(gw, 'v-change-user-package', ['bigger', 'tiny', 'yes'])).toBe('0');
      expect((await listUser('bigger'))['PACKAGE']).toBe('tiny');
    });

    it('answers 3 for an unknown package or user, 2 for a malformed package, 1 for too few args', async () => {
      expect((await hestia(gw, 'v-change-user-package', ['pkguser', 'nosuch'])).body).toBe("Error: package nosuch doesn't exist\n");
      expect(await exitCode(gw, 'v-change-user-package', ['ghost', 'tiny'])).toBe('3');
      expect(await exitCode(gw, 'v-change-user-package', ['pkguser', 'bad pkg'])).toBe('2');
      expect(await exitCode(gw, 'v-change-user-package', ['pkguser'])).toBe('1');
    });
  });

  describe('v-change-user-shell / v-change-user-contact', () => {
    it('changes the shell and the contact address (exit 0)', async () => {
      expect(await addUser('shelly')).toBe('0');
      expect(await exitCode(gw, 'v-change-user-shell', ['shelly', 'bash'])).toBe('0');
      expect(await exitCode(gw, 'v-change-user-contact', ['shelly', 'new@example.org'])).toBe('0');
      expect(await listUser('shelly')).toMatchObject({ SHELL: 'bash', CONTACT: 'new@example.org' });
    });

    it('answers 2 for an unknown shell or bad email, 3 for an unknown user, 5 when suspended', async () => {
      expect((await hestia(gw, 'v-change-user-shell', ['shelly', 'powershell'])).body).toBe('Error: invalid shell format :: powershell\n');
      expect(await exitCode(gw, 'v-change-user-shell', ['shelly', 'bash; id'])).toBe('2');
      expect((await hestia(gw, 'v-change-user-contact', ['shelly', 'nope'])).body).toBe('Error: invalid email format :: nope\n');
      expect(await exitCode(gw, 'v-change-user-shell', ['ghost', 'bash'])).toBe('3');
      expect(await exitCode(gw, 'v-change-user-contact', ['ghost', 'g@example.com'])).toBe('3');
      expect(await exitCode(gw, 'v-suspend-user', ['shelly'])).toBe('0');
      expect(await exitCode(gw, 'v-change-user-shell', ['shelly', 'sh'])).toBe('5');
      expect(await exitCode(gw, 'v-change-user-contact', ['shelly', 's@example.com'])).toBe('5');
      expect(await exitCode(gw, 'v-change-user-shell', ['shelly'])).toBe('1');
    });
  });

  describe('v-check-user-password', () => {
    it('answers OK for the right password and "password missmatch" (sic, exit 9) otherwise', async () => {
      expect(await addUser('checker')).toBe('0');
      expect((await hestia(gw, 'v-check-user-password', ['checker', 'Passw0rd!', '10.0.0.1'])).body).toBe('OK');
      expect((await hestia(gw, 'v-check-user-password', ['checker', 'wrong'])).body).toBe('Error: password missmatch\n');
      expect(await exitCode(gw, 'v-check-user-password', ['checker', ''])).toBe('9');
      expect(await exitCode(gw, 'v-check-user-password', ['nobody', 'x'])).toBe('9');
      expect(await exitCode(gw, 'v-check-user-password', ['bad name', 'x'])).toBe('2');
      expect(await exitCode(gw, 'v-check-user-password', ['checker'])).toBe('1');
    });
  });

  describe('v-list-users / v-list-user', () => {
    it('keeps the U_* counters current from the rows themselves', async () => {
      expect(await addUser('counted')).toBe('0');
      await addDomain('counted', 'c1.example.com', 'www.c1.example.com,shop.c1.example.com');
      await addDomain('counted', 'c2.example.com');
      const u = await listUser('counted');
      expect([u['U_WEB_DOMAINS'], u['U_WEB_ALIASES']]).toEqual(['2', '2']);
      const all = JSON.parse((await hestia(gw, 'v-list-users', ['json'])).body) as Record<string, Record<string, string>>;
      expect(all['counted']['U_WEB_DOMAINS']).toBe('2');
      expect(all[CREDS.panelUser]['U_USERS']).toBe(String(Object.keys(all).length));
      await ds.getRepository(WebDomainEntity).delete({ domain: 'c2.example.com' });
      expect((await listUser('counted'))['U_WEB_DOMAINS']).toBe('1');
    });

    it('answers 3 for an unknown user, 2 for a malformed one, and OK for an unknown format', async () => {
      expect((await hestia(gw, 'v-list-user', ['ghost', 'json'])).body).toBe("Error: user ghost doesn't exist\n");
      expect(await exitCode(gw, 'v-list-user', ['gh"ost'])).toBe('2');
      expect((await hestia(gw, 'v-list-user', ['demo', 'yaml'])).body).toBe('OK');
      expect((await hestia(gw, 'v-list-users', ['yaml'])).body).toBe('OK');
      expect(await exitCode(gw, 'v-list-user', [])).toBe('1');
    });
  });

  describe('v-make-tmp-file and <TMP>/file secrets', () => {
    it('passes a password by file, as test/api.bats does (v-make-tmp-file, then /tmp/name as PASSWORD)', async () => {
      expect((await hestia(gw, 'v-make-tmp-file', ['strongpassword', 'clusterpassword'])).body).toBe('OK');
      expect(await exitCode(gw, 'v-add-user', ['hestiatest', '/tmp/clusterpassword', 'info@hestiacp.com', 'default'])).toBe('0');
      expect((await hestia(gw, 'v-check-user-password', ['hestiatest', 'strongpassword'])).body).toBe('OK');
      expect(await exitCode(gw, 'v-check-user-password', ['hestiatest', '/tmp/clusterpassword'])).toBe('0');
      expect(await exitCode(gw, 'v-make-tmp-file', ['n3wpass', '../../etc/newpass'])).toBe('0');
      expect(await exitCode(gw, 'v-change-user-password', ['hestiatest', '/tmp/newpass'])).toBe('0');
      expect((await hestia(gw, 'v-check-user-password', ['hestiatest', 'n3wpass'])).body).toBe('OK');
    });

    it('takes a path with ../ or an unknown file literally, as the password itself', async () => {
      expect(await exitCode(gw, 'v-add-user', ['literal', '/tmp/../tmp/clusterpassword', 'l@example.com'])).toBe('0');
      expect(await exitCode(gw, 'v-check-user-password', ['literal', 'strongpassword'])).toBe('9');
      expect(await exitCode(gw, 'v-check-user-password', ['literal', '/tmp/../tmp/clusterpassword'])).toBe('0');
      expect(await exitCode(gw, 'v-make-tmp-file', ['x'])).toBe('1');
    });
  });

  it('v-make-tmp-file of one name from several callers at once: every write succeeds and the file holds one of them', async () => {
    for (let round = 0; round < 8; round++) {
      const written = ['alpha', 'bravo', 'charlie'].map((w) => `${w}-${round}`);
      expect(await Promise.all(written.map((w) => exitCode(gw, 'v-make-tmp-file', [w, 'shared.txt'])))).toEqual(['0', '0', '0']);
      expect(written.map((w) => `${w}\n`)).toContain(await gw.app.get(TempFilesService).content('shared.txt'));
    }
  });

  describe('v-add-user-package', () => {
    const pkgFile = ["WEB_TEMPLATE='default'", "WEB_DOMAINS='2'", "WEB_ALIASES='4'", "DNS_DOMAINS='1'", "DATABASES='3'", "SHELL='bash'", "NS='ns1.example.net,ns2.example.net'", "BACKUPS='2'"].join('\n');

    it('adds a package from <TMP>/PACKAGE.pkg (0); exists 4 unless REWRITE=yes', async () => {
      expect(await exitCode(gw, 'v-make-tmp-file', [pkgFile, 'gold.pkg'])).toBe('0');
      expect(await exitCode(gw, 'v-add-user-package', ['/tmp', 'gold'])).toBe('0');
      const pkgs = JSON.parse((await hestia(gw, 'v-list-user-packages', ['json'])).body) as Record<string, Record<string, string>>;
      expect(pkgs['gold']).toMatchObject({ WEB_DOMAINS: '2', WEB_ALIASES: '4', DNS_DOMAINS: '1', DATABASES: '3', SHELL: 'bash', NS: 'ns1.example.net,ns2.example.net', MAIL_DOMAINS: 'unlimited' });
      expect((await hestia(gw, 'v-add-user-package', ['/tmp/', 'gold'])).body).toBe('Error: package gold already exists.\n');
      expect(await exitCode(gw, 'v-make-tmp-file', ["WEB_DOMAINS='5'", 'gold.pkg'])).toBe('0');
      expect(await exitCode(gw, 'v-add-user-package', ['/tmp', 'gold', 'yes'])).toBe('0');
      const after = JSON.parse((await hestia(gw, 'v-list-user-packages', ['json'])).body) as Record<string, Record<string, string>>;
      expect(after['gold']).toMatchObject({ WEB_DOMAINS: '5', DATABASES: '3' });
      expect(await exitCode(gw, 'v-add-user', ['golden', 'Passw0rd!', 'g@example.com', 'gold'])).toBe('0');
    });

    it('answers 3 for a missing .pkg file, 2 for a bad limit or package name, 1 for too few args', async () => {
      expect((await hestia(gw, 'v-add-user-package', ['/tmp', 'silver'])).body).toBe("Error: package silver doesn't exist\n");
      expect(await exitCode(gw, 'v-add-user-package', ['/elsewhere', 'gold'])).toBe('3');
      expect(await exitCode(gw, 'v-make-tmp-file', ["WEB_DOMAINS='lots'", 'bad.pkg'])).toBe('0');
      expect((await hestia(gw, 'v-add-user-package', ['/tmp', 'bad'])).body).toBe('Error: invalid WEB_DOMAINS format :: lots\n');
      expect(await exitCode(gw, 'v-add-user-package', ['/tmp', 'bad pkg'])).toBe('2');
      expect(await exitCode(gw, 'v-add-user-package', ['/tmp'])).toBe('1');
    });
  });

  describe('v-list-user-packages / v-delete-user-package', () => {
    it('refuses to delete a package in use (exit 7), deletes an unused one, then 3', async () => {
      await ds.getRepository(HostingPackageEntity).insert({ name: 'unused' });
      expect((await hestia(gw, 'v-delete-user-package', ['default'])).body).toBe('Error: package default is in use\n');
      expect(await exitCode(gw, 'v-delete-user-package', ['default'])).toBe('7');
      expect(await exitCode(gw, 'v-delete-user-package', ['unused'])).toBe('0');
      expect(await exitCode(gw, 'v-delete-user-package', ['unused'])).toBe('3');
      expect(await exitCode(gw, 'v-delete-user-package', ['bad/pkg'])).toBe('2');
      expect(await exitCode(gw, 'v-delete-user-package', [])).toBe('1');
    });

    it('a package deleted while an account is moved to it ends as one of the two in order', async () => {
      // Either the move comes first (the package is then in use: 7) or the delete does (the move
      // then finds no package: 3). Never both, never a database error.
      expect(await addUser('mover')).toBe('0');
      for (let i = 0; i < 20; i++) {
        await ds.getRepository(HostingPackageEntity).insert({ name: `racing${i}` });
        const [deleted, moved] = await Promise.all([exitCode(gw, 'v-delete-user-package', [`racing${i}`]), exitCode(gw, 'v-change-user-package', ['mover', `racing${i}`])]);
        expect(['delete 0, move 3', 'delete 7, move 0']).toContain(`delete ${deleted}, move ${moved}`);
        const listed = JSON.parse((await hestia(gw, 'v-list-user', ['mover', 'json'])).body) as Record<string, Record<string, string>>;
        expect(listed['mover']['PACKAGE']).toBe(moved === '0' ? `racing${i}` : 'default');
        if (moved === '0') expect(await exitCode(gw, 'v-change-user-package', ['mover', 'default'])).toBe('0');
      }
    });

    it('two adds of one new package at once: one adds it (0), the other finds it there (4)', async () => {
      expect(await exitCode(gw, 'v-make-tmp-file', ["WEB_DOMAINS='3'", 'twin.pkg'])).toBe('0');
      for (let i = 0; i < 12; i++) {
        const codes = await Promise.all([exitCode(gw, 'v-add-user-package', ['/tmp', 'twin']), exitCode(gw, 'v-add-user-package', ['/tmp', 'twin'])]);
        expect(codes.sort()).toEqual(['0', '4']);
        expect(await exitCode(gw, 'v-delete-user-package', ['twin'])).toBe('0');
      }
    });

    it('lists packages newest first', async () => {
      const list = JSON.parse((await hestia(gw, 'v-list-user-packages', ['json'])).body) as Record<string, Record<string, string>>;
      expect(Object.keys(list).slice(-2)).toEqual(['tiny', 'default']);
      expect(list['tiny']['WEB_DOMAINS']).toBe('1');
    });
  });
});

describe('panel list outputs through the gateway match the golden files in every format', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
    const ds = gw.app.get(DataSource);
    await ds.getRepository(HostingPackageEntity).insert({ name: 'small', webDomains: '3', databases: '2', shell: 'bash' });
    expect(await exitCode(gw, 'v-add-user', ['demo', 'd3m0p4ssw0rd', 'demo@gmail.com', 'small', 'Rust', 'Cohle'])).toBe('0');
    const demo = await ds.getRepository(AccountEntity).findOneByOrFail({ username: 'demo' });
    await ds.getRepository(WebDomainEntity).insert({ accountId: demo.id, domain: 'demo.hestiacp.com', aliases: 'www.demo.hestiacp.com' });
    await addNames(ds, 'demo.hestiacp.com', 'www.demo.hestiacp.com');
    expect(await exitCode(gw, 'v-suspend-user', ['demo'])).toBe('0');
  });
  afterAll(() => gw.close());

  const cases: Array<[string, string[]]> = [
    ...['json', 'plain', 'csv', 'shell', 'list'].map((f): [string, string[]] => ['v-list-users', [f]]),
    ...['json', 'plain', 'csv', 'shell'].map((f): [string, string[]] => ['v-list-user', ['demo', f]]),
    ...['json', 'plain', 'csv', 'shell'].map((f): [string, string[]] => ['v-list-user-packages', [f]]),
  ];

  it.each(cases)('%s %j', async (cmd, args) => {
    const r = await hestia(gw, cmd, args);
    expect(r.status).toBe(200);
    // Legacy mode prints the output plus one newline.
    expect(r.body.endsWith('\n')).toBe(true);
    if (args[args.length - 1] === 'json') expectAllStrings(r.body);
    const body = maskClock(r.body);
    expect(body).toBe(e2eGolden(`${cmd}.${args[args.length - 1]}.txt`, body));
  });
});
