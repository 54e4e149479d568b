import { DataSource } from 'typeorm';
import { HostingPackageEntity } from '@hostgate/shared/persistence';
import { hestiaHttpStatus } from '@hostgate/panel';
import { adminAccessKey, exitCode, hestia } from './panel-client';
import { startTestGateway, type TestGateway } from './test-gateway';

/** A failing call: the command, its arguments, the exit code and what the script prints (no newline). */
type Failure = readonly [cmd: string, args: readonly string[], code: number, printed: string];

/** Each command's otherwise-valid arguments after USER, so that only USER is at fault. */
const AFTER_USER: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['v-delete-user', []],
  ['v-suspend-user', []],
  ['v-unsuspend-user', []],
  ['v-change-user-password', ['Passw0rd!']],
  ['v-change-user-package', ['default']],
  ['v-change-user-shell', ['bash']],
  ['v-change-user-contact', ['x@example.com']],
  ['v-list-user', []],
  ['v-add-domain', ['new-domain.com']],
  ['v-add-web-domain', ['new-domain.com']],
  ['v-delete-web-domain', ['fa.com']],
  ['v-suspend-web-domain', ['fa.com']],
  ['v-unsuspend-web-domain', ['fa.com']],
  ['v-list-web-domains', []],
  ['v-list-web-domain', ['fa.com']],
  ['v-add-dns-domain', ['new-domain.com', '192.0.2.1']],
  ['v-delete-dns-domain', ['fa.com']],
  ['v-list-dns-domains', []],
  ['v-add-dns-record', ['fa.com', 'x', 'A', '192.0.2.3']],
  ['v-delete-dns-record', ['fa.com', '1']],
  ['v-list-dns-records', ['fa.com']],
  ['v-add-mail-domain', ['new-domain.com']],
  ['v-delete-mail-domain', ['fa.com']],
  ['v-list-mail-domains', []],
  ['v-add-mail-account', ['fa.com', 'x', 'Passw0rd!']],
  ['v-delete-mail-account', ['fa.com', 'info']],
  ['v-change-mail-account-password', ['fa.com', 'info', 'Passw0rd!']],
  ['v-list-mail-accounts', ['fa.com']],
  ['v-add-letsencrypt-domain', ['fa.com']],
  ['v-add-database', ['d', 'u', 'Passw0rd!']],
  ['v-delete-database', ['fa_db']],
  ['v-suspend-database', ['fa_db']],
  ['v-unsuspend-database', ['fa_db']],
  ['v-list-databases', []],
  ['v-add-access-key', ['mail-accounts']],
];

/** Usage lines (check_args prints them with a trailing space) for a call with too few arguments. */
const USAGE: ReadonlyArray<readonly [string, string, number]> = [
  ['v-add-user', 'USER PASSWORD EMAIL [PACKAGE] [NAME]', 3],
  ['v-delete-user', 'USER [RESTART]', 1],
  ['v-suspend-user', 'USER [RESTART]', 1],
  ['v-unsuspend-user', 'USER [RESTART]', 1],
  ['v-change-user-password', 'USER PASSWORD', 2],
  ['v-change-user-package', 'USER PACKAGE [FORCE]', 2],
  ['v-change-user-shell', 'USER SHELL', 2],
  ['v-change-user-contact', 'USER EMAIL', 2],
  ['v-check-user-password', 'USER PASSWORD [IP] [RETURN_HASH]', 2],
  ['v-list-user', 'USER [FORMAT]', 1],
  ['v-add-user-package', 'PKG_DIR PACKAGE [REWRITE]', 2],
  ['v-delete-user-package', 'PACKAGE', 1],
  ['v-add-domain', 'USER DOMAIN [IP] [RESTART]', 2],
  ['v-add-web-domain', 'USER DOMAIN [IP] [RESTART] [ALIASES] [PROXY_EXTENSIONS]', 2],
  ['v-delete-web-domain', 'USER DOMAIN [RESTART]', 2],
  ['v-suspend-web-domain', 'USER DOMAIN [RESTART]', 2],
  ['v-unsuspend-web-domain', 'USER DOMAIN [RESTART]', 2],
  ['v-list-web-domains', 'USER [FORMAT]', 1],
  ['v-list-web-domain', 'USER DOMAIN [FORMAT]', 2],
  ['v-add-dns-domain', 'USER DOMAIN IP [NS1] [NS2] [NS3] [NS4] [NS5] [NS6] [NS7] [NS8] [RESTART] [DNSSEC]', 3],
  ['v-delete-dns-domain', 'USER DOMAIN [RESTART]', 2],
  ['v-list-dns-domains', 'USER [FORMAT]', 1],
  ['v-add-dns-record', 'USER DOMAIN RECORD TYPE VALUE [PRIORITY] [ID] [RESTART] [TTL]', 5],
  ['v-delete-dns-record', 'USER DOMAIN ID [RESTART]', 3],
  ['v-list-dns-records', 'USER DOMAIN [FORMAT]', 2],
  ['v-add-mail-domain', 'USER DOMAIN [ANTISPAM] [ANTIVIRUS] [DKIM] [DKIM_SIZE] [RESTART] [REJECT_SPAM]', 2],
  ['v-delete-mail-domain', 'USER DOMAIN [RESTART]', 2],
  ['v-list-mail-domains', 'USER [FORMAT]', 1],
  ['v-add-mail-account', 'USER DOMAIN ACCOUNT PASSWORD [QUOTA]', 4],
  ['v-delete-mail-account', 'USER DOMAIN ACCOUNT', 3],
  ['v-change-mail-account-password', 'USER DOMAIN ACCOUNT PASSWORD', 4],
  ['v-list-mail-accounts', 'USER DOMAIN [FORMAT]', 2],
  ['v-add-letsencrypt-domain', 'USER DOMAIN [ALIASES] [MAIL]', 2],
  ['v-add-database', 'USER DATABASE DBUSER DBPASS [TYPE] [HOST] [CHARSET]', 4],
  ['v-delete-database', 'USER DATABASE', 2],
  ['v-suspend-database', 'USER DATABASE', 2],
  ['v-unsuspend-database', 'USER DATABASE', 2],
  ['v-list-databases', 'USER [FORMAT]', 1],
  ['v-add-access-key', 'USER [PERMISSIONS] [COMMENT] [FORMAT]', 1],
  ['v-delete-access-key', 'ACCESS_KEY_ID', 1],
];

const LIMIT = (name: string): string => `Error: ${name} limit is reached :: upgrade user package`;

/** The failures of each command besides the generic ones, against the fixture built in beforeAll. */
const SPECIFIC: readonly Failure[] = [
  // E_EXISTS (4): names are unique across all users.
  ['v-add-user', ['fa', 'Passw0rd!', 'fa@example.com'], 4, 'Error: user fa exists'],
  ['v-add-web-domain', ['fb', 'fa.com'], 4, 'Error: Web domain fa.com exists'],
  ['v-add-web-domain', ['fb', 'fb-two.com', '', '', 'www.fa.com'], 4, 'Error: Web alias www.fa.com exists'],
  ['v-add-dns-domain', ['fb', 'fa.com', '192.0.2.1'], 4, 'Error: DNS domain fa.com exists'],
  ['v-add-mail-domain', ['fb', 'fa.com'], 4, 'Error: Mail domain fa.com exists'],
  ['v-add-domain', ['fb', 'fa.com'], 4, "Error: Web domain fa.com exists\nError: can't add web domain"],
  ['v-add-mail-account', ['fb', 'fb.com', 'info', 'Passw0rd!'], 4, 'Error: mail account info already exists'],
  ['v-add-dns-record', ['fb', 'fb.com', 'x', 'A', '192.0.2.9', '', '1'], 4, 'Error: ID=1 already exists'],
  ['v-add-database', ['fb', 'db', 'other', 'Passw0rd!'], 4, 'Error: DB=fb_db already exists'],
  ['v-add-database', ['fb', 'db2', 'db', 'Passw0rd!'], 4, 'Error: DBUSER=fb_db already exists'],
  // E_LIMIT (8): fa's package allows one of everything, already used.
  ['v-add-web-domain', ['fa', 'fa-two.com'], 8, LIMIT('WEB_DOMAINS')],
  ['v-add-dns-domain', ['fa', 'fa-two.com', '192.0.2.1'], 8, LIMIT('DNS_DOMAINS')],
  ['v-add-dns-record', ['fa', 'fa.com', 'x', 'A', '192.0.2.9'], 8, LIMIT('DNS_RECORDS')],
  ['v-add-mail-domain', ['fa', 'fa-two.com'], 8, LIMIT('MAIL_DOMAINS')],
  ['v-add-mail-account', ['fa', 'fa.com', 'sales', 'Passw0rd!'], 8, LIMIT('MAIL_ACCOUNTS')],
  ['v-add-database', ['fa', 'two', 'two', 'Passw0rd!'], 8, LIMIT('DATABASES')],
  ['v-add-domain', ['fa', 'fa-two.com'], 8, 'Error: Package limit reached'],
  ['v-change-user-package', ['fb', 'tiny'], 8, "Error: Package doesn't cover WEB_DOMAIN usage"],
  // E_SUSPENDED (5): a suspended user adds nothing; suspending twice.
  ['v-add-web-domain', ['fs', 'fs.com'], 5, 'Error: user fs is suspended'],
  ['v-add-dns-domain', ['fs', 'fs.com', '192.0.2.1'], 5, 'Error: user fs is suspended'],
  ['v-add-mail-domain', ['fs', 'fs.com'], 5, 'Error: user fs is suspended'],
  ['v-add-database', ['fs', 'd', 'u', 'Passw0rd!'], 5, 'Error: user fs is suspended'],
  ['v-add-domain', ['fs', 'fs.com'], 5, 'Error: user fs is suspended'],
  ['v-change-user-password', ['fs', 'Passw0rd!'], 5, 'Error: user fs is suspended'],
  ['v-change-user-shell', ['fs', 'bash'], 5, 'Error: user fs is suspended'],
  ['v-change-user-contact', ['fs', 'x@example.com'], 5, 'Error: user fs is suspended'],
  ['v-suspend-user', ['fs'], 5, 'Error: user fs is suspended'],
  ['v-suspend-web-domain', ['fb', 'fb-off.com'], 5, 'Error: web domain fb-off.com is suspended'],
  ['v-suspend-database', ['fb', 'fb_off'], 5, 'Error: db db fb_off is suspended'],
  // E_UNSUSPENDED (6)
  ['v-unsuspend-web-domain', ['fa', 'fa.com'], 6, 'Error: web domain fa.com is not suspended'],
  ['v-unsuspend-database', ['fa', 'fa_db'], 6, 'Error: db db fa_db is not suspended'],
  // E_NOTEXIST (3) for objects and packages.
  ['v-delete-web-domain', ['fa', 'none.com'], 3, "Error: web domain none.com doesn't exist"],
  ['v-list-web-domain', ['fa', 'fb.com'], 3, "Error: web domain fb.com doesn't exist"],
  ['v-delete-dns-domain', ['fa', 'none.com'], 3, "Error: dns domain none.com doesn't exist"],
  ['v-list-dns-records', ['fa', 'none.com'], 3, "Error: dns domain none.com doesn't exist"],
  ['v-delete-dns-record', ['fa', 'fa.com', '99'], 3, "Error: dns/fa.com id 99 doesn't exist"],
  ['v-delete-mail-domain', ['fa', 'none.com'], 3, "Error: mail domain none.com doesn't exist"],
  ['v-add-mail-account', ['fa', 'none.com', 'x', 'Passw0rd!'], 3, "Error: mail domain none.com doesn't exist"],
  ['v-delete-mail-account', ['fa', 'fa.com', 'nobody'], 3, "Error: mail/fa.com account nobody doesn't exist"],
  ['v-change-mail-account-password', ['fa', 'fa.com', 'nobody', 'Passw0rd!'], 3, "Error: mail/fa.com account nobody doesn't exist"],
  ['v-list-mail-accounts', ['fa', 'none.com'], 3, "Error: mail domain none.com doesn't exist"],
  ['v-delete-database', ['fa', 'fa_none'], 3, "Error: db db fa_none doesn't exist"],
  ['v-add-user', ['newbie', 'Passw0rd!', 'n@example.com', 'gold'], 3, "Error: package gold doesn't exist"],
  ['v-change-user-package', ['fa', 'gold'], 3, "Error: package gold doesn't exist"],
  ['v-delete-user-package', ['gold'], 3, "Error: package gold doesn't exist"],
  ['v-delete-access-key', ['AAAAAAAAAAAAAAAAAAAA'], 3, "Error: key AAAAAAAAAAAAAAAAAAAA doesn't exist"],
  ['v-add-access-key', ['fa', 'nope'], 3, "Error: API nope doesn't exist"],
  // E_INUSE (7)
  ['v-delete-user-package', ['tiny'], 7, 'Error: package tiny is in use'],
  // E_PASSWORD (9)
  ['v-check-user-password', ['fa', 'wrong'], 9, 'Error: password missmatch'],
  ['v-check-user-password', ['ghost', 'wrong'], 9, 'Error: password missmatch'],
  // E_INVALID (2) beyond the user name.
  ['v-add-user', ['sudo', 'Passw0rd!', 's@example.com'], 2, "Error: The user name 'sudo' is reserved and cannot be used. List of reserved names: aria, aria_log, mysql, mysql_upgrade, ib, ib_buffer, ddl, ddl_recovery, performance, sudo"],
  ['v-add-user', ['newbie', 'Passw0rd!', 'not-an-email'], 2, 'Error: invalid email format :: not-an-email'],
  ['v-add-web-domain', ['fa', 'bad_name.com'], 2, 'Error: invalid domain format :: bad_name.com'],
  ['v-add-dns-domain', ['fa', 'new-domain.com', '999.1.1.1'], 2, 'Error: invalid ip format :: 999.1.1.1'],
  ['v-add-dns-record', ['fa', 'fa.com', 'x', 'BOGUS', 'v'], 2, 'Error: invalid type format :: BOGUS'],
  ['v-add-mail-account', ['fa', 'fa.com', 'x', 'Passw0rd!', 'lots'], 2, 'Error: invalid quota format :: lots'],
  ['v-add-database', ['fa', 'd', 'u', 'Passw0rd!', 'oracle'], 2, 'Error: oracle type is invalid'],
  ['v-change-user-shell', ['fa', 'powershell'], 2, 'Error: invalid shell format :: powershell'],
  ['v-add-access-key', ['fa'], 2, 'Error: Non-admin users need a permission list'],
  // An IP address as domain exits 1.
  ['v-add-web-domain', ['fa', '192.0.2.10'], 1, 'Error: Invalid domain format. IP address detected as input.'],
  ['v-add-domain', ['fa', '192.0.2.10'], 1, 'Error: Invalid domain format. IP address detected as input.'],
];

/** Every failure, generic ones generated for each command: unknown user (3), malformed user (2), too few arguments (1). */
const FAILURES: readonly Failure[] = [
  ...AFTER_USER.map(([cmd, rest]): Failure => [cmd, ['ghost', ...rest], 3, "Error: user ghost doesn't exist"]),
  ...AFTER_USER.map(([cmd, rest]): Failure => [cmd, ['bad!user', ...rest], 2, 'Error: invalid user format :: bad!user']),
  ...USAGE.map(([cmd, options, min]): Failure => [cmd, Array<string>(min - 1).fill('fa'), 1, `Usage: ${cmd} ${options} `]),
  ...SPECIFIC,
];

describe('panel: every documented failure code of every command, in both output modes', () => {
  let gw: TestGateway;
  let keyAuth: Record<string, string>;

  beforeAll(async () => {
    gw = await startTestGateway();
    await gw.app.get(DataSource).getRepository(HostingPackageEntity).insert({ name: 'tiny', webDomains: '1', webAliases: '1', dnsDomains: '1', dnsRecords: '12', mailDomains: '1', mailAccounts: '1', databases: '1' });
    const ok = async (cmd: string, args: readonly string[]) => expect([cmd, args, await exitCode(gw, cmd, args)]).toEqual([cmd, args, '0']);
    await ok('v-add-user', ['fa', 'Passw0rd!', 'fa@example.com', 'tiny']);
    await ok('v-add-user', ['fb', 'Passw0rd!', 'fb@example.com']);
    await ok('v-add-user', ['fs', 'Passw0rd!', 'fs@example.com']);
    await ok('v-add-domain', ['fa', 'fa.com']);
    await ok('v-add-mail-account', ['fa', 'fa.com', 'info', 'Passw0rd!']);
    await ok('v-add-database', ['fa', 'db', 'db', 'Passw0rd!']);
    await ok('v-add-domain', ['fb', 'fb.com']);
    await ok('v-add-web-domain', ['fb', 'fb-off.com']);
    await ok('v-suspend-web-domain', ['fb', 'fb-off.com']);
    await ok('v-add-mail-account', ['fb', 'fb.com', 'info', 'Passw0rd!']);
    await ok('v-add-database', ['fb', 'db', 'db', 'Passw0rd!']);
    await ok('v-add-database', ['fb', 'off', 'off', 'Passw0rd!']);
    await ok('v-suspend-database', ['fb', 'fb_off']);
    await ok('v-suspend-user', ['fs']);
    const key = await adminAccessKey(gw);
    keyAuth = { access_key: key.id, secret_key: key.secret };
  });
  afterAll(() => gw.close());

  it.each(FAILURES.map((f) => [`${f[0]} ${JSON.stringify(f[1])} → ${f[2]}`, f] as const))('%s', async (_name, [cmd, args, code, printed]) => {
    // Legacy data mode: HTTP 200 whatever the result, the script's stdout plus a newline.
    const legacy = await hestia(gw, cmd, args);
    expect([legacy.status, legacy.body]).toEqual([200, `${printed}\n`]);
    // Legacy code mode: the bare exit code, still 200.
    const coded = await hestia(gw, cmd, args, undefined, { returncode: 'yes' });
    expect([coded.status, coded.body]).toEqual([200, String(code)]);
    // Access-key data mode: the status from Hestia's map, the exit code as header, stdout trimmed.
    const keyed = await hestia(gw, cmd, args, keyAuth);
    expect([keyed.status, keyed.headers.get('hestia-exit-code'), keyed.body]).toEqual([hestiaHttpStatus(code), String(code), printed.trim()]);
    // Access-key code mode: 200, the header and the bare code.
    const keyedCode = await hestia(gw, cmd, args, keyAuth, { returncode: 'yes' });
    expect([keyedCode.status, keyedCode.headers.get('hestia-exit-code'), keyedCode.body]).toEqual([200, String(code), String(code)]);
  });

  it('left the fixture as it was: failed calls changed nothing', async () => {
    const users = JSON.parse((await hestia(gw, 'v-list-users', ['json'])).body) as Record<string, Record<string, string>>;
    expect(Object.keys(users).sort()).toEqual(['admin', 'fa', 'fb', 'fs']);
    expect(users['fa']).toMatchObject({ PACKAGE: 'tiny', U_WEB_DOMAINS: '1', U_DNS_DOMAINS: '1', U_DNS_RECORDS: '12', U_MAIL_DOMAINS: '1', U_MAIL_ACCOUNTS: '1', U_DATABASES: '1', SUSPENDED: 'no' });
    expect(users['fs']['SUSPENDED']).toBe('yes');
  });
});
