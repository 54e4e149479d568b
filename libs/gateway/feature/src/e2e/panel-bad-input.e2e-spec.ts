import { adminAccessKey, exitCode, hestia } from './panel-client';
import { call, CREDS, form, startTestGateway, type TestGateway } from './test-gateway';

/** Every panel command this gateway implements, with how many arguments its usage line names. */
const COMMANDS: Array<[string, number]> = [
  ['v-add-user', 6],
  ['v-delete-user', 2],
  ['v-suspend-user', 2],
  ['v-unsuspend-user', 2],
  ['v-change-user-password', 2],
  ['v-change-user-package', 3],
  ['v-change-user-shell', 2],
  ['v-change-user-contact', 2],
  ['v-check-user-password', 4],
  ['v-list-user', 2],
  ['v-list-users', 1],
  ['v-list-user-packages', 1],
  ['v-add-user-package', 3],
  ['v-delete-user-package', 1],
  ['v-add-domain', 4],
  ['v-add-web-domain', 6],
  ['v-delete-web-domain', 3],
  ['v-suspend-web-domain', 3],
  ['v-unsuspend-web-domain', 3],
  ['v-list-web-domains', 2],
  ['v-list-web-domain', 3],
  ['v-add-dns-domain', 13],
  ['v-delete-dns-domain', 3],
  ['v-list-dns-domains', 2],
  ['v-add-dns-record', 9],
  ['v-delete-dns-record', 4],
  ['v-list-dns-records', 3],
  ['v-add-mail-domain', 8],
  ['v-delete-mail-domain', 3],
  ['v-list-mail-domains', 2],
  ['v-add-mail-account', 5],
  ['v-delete-mail-account', 3],
  ['v-change-mail-account-password', 4],
  ['v-list-mail-accounts', 3],
  ['v-add-database', 7],
  ['v-delete-database', 2],
  ['v-suspend-database', 2],
  ['v-unsuspend-database', 2],
  ['v-list-databases', 2],
  ['v-add-letsencrypt-domain', 4],
  ['v-add-access-key', 4],
  ['v-list-access-key', 2],
  ['v-generate-api-key', 1],
  ['v-list-access-keys', 1],
  ['v-delete-access-key', 1],
  ['v-make-tmp-file', 2],
];

/** Values a hostile or broken client might put in any argument. */
const HOSTILE: Array<[string, string]> = [
  ['shell metacharacters', "$(id);`id`|&>'\"\\*?"],
  ['a newline', 'line1\nline2'],
  ['a NUL byte', 'nul\u0000byte'],
  ['a very long value', 'a'.repeat(5000)],
  ['non-ASCII text', 'jürgen-日本語'],
  ['an IP address', '10.0.0.1'],
];

describe('panel bad input: every command, every argument, hostile values', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
    expect(await exitCode(gw, 'v-add-user', ['target', 'Passw0rd!', 't@example.com'])).toBe('0');
  });
  afterAll(() => gw.close());

  it.each(HOSTILE)('answers %s with a Hestia exit code, never an internal error, and stores nothing outside the rules', async (_label, value) => {
    for (const [cmd, arity] of COMMANDS) {
      // The value in every position at once, and in each position beside otherwise-valid arguments.
      const attempts = [Array<string>(arity).fill(value), ...Array.from({ length: arity }, (_, i) => Array.from({ length: arity }, (__, j) => (i === j ? value : j === 0 ? 'target' : 'x')))];
      for (const args of attempts) {
        const r = await hestia(gw, cmd, args, undefined, { returncode: 'yes' });
        expect({ cmd, status: r.status }).toEqual({ cmd, status: 200 });
        expect({ cmd, code: Number(r.body) >= 0 && Number(r.body) <= 21 }).toEqual({ cmd, code: true });
      }
    }
    // Whatever was accepted, the listings still parse and every value is a string.
    const users = JSON.parse((await hestia(gw, 'v-list-users', ['json'])).body) as Record<string, Record<string, unknown>>;
    expect(Object.values(users).every((u) => Object.values(u).every((v) => typeof v === 'string'))).toBe(true);
    expect(Object.keys(users).every((name) => /^[A-Za-z][-|_A-Za-z0-9]{0,28}[A-Za-z0-9]$/.test(name))).toBe(true);
    // Some two hundred calls per value: room for a loaded machine, not a speed requirement.
  }, 60_000);

  it('ignores arg14 and beyond (Hestia reads arg1..arg13 only)', async () => {
    const args = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`arg${i + 1}`, ['extra14', 'Passw0rd!', 'e14@example.com'][i] ?? '']));
    const r = await call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: CREDS.panelPassword, returncode: 'yes', cmd: 'v-add-user', ...args, arg4: 'default', arg14: 'ignored', arg15: 'ignored' }));
    expect(r.body).toBe('0');
  });

  it('refuses a non-ASCII user name with exit 2, and a cmd with odd characters with 422', async () => {
    expect(await exitCode(gw, 'v-add-user', ['jürgen', 'Passw0rd!', 'j@example.com'])).toBe('2');
    const odd = await hestia(gw, 'v-list-users;id', ['json']);
    expect([odd.status, odd.body]).toEqual([422, 'Error: v-list-users;id command invalid']);
  });

  it('takes hostile values in the auth and control fields (user, password, hash, access_key, secret_key, cmd, returncode) as a failed login or a refused command, never a 500', async () => {
    for (const [label, value] of HOSTILE) {
      const attempts: Array<Record<string, string>> = [
        { user: value, password: CREDS.panelPassword, cmd: 'v-list-users' },
        { user: CREDS.panelUser, password: value, cmd: 'v-list-users' },
        { hash: value, cmd: 'v-list-users' },
        { access_key: value, secret_key: 'x'.repeat(40), cmd: 'v-list-users' },
        { access_key: 'A'.repeat(20), secret_key: value, cmd: 'v-list-users' },
        { user: CREDS.panelUser, password: CREDS.panelPassword, cmd: value },
        { user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', returncode: value },
      ];
      for (const fields of attempts) {
        const r = await call(`${gw.url}/panel/api/`, form(fields));
        expect({ label, fields: Object.keys(fields), ok: [200, 401, 422].includes(r.status) }).toEqual({ label, fields: Object.keys(fields), ok: true });
      }
    }
  });

  it('reads JSON bodies whose values are not strings (numbers, arrays, objects, null) without failing', async () => {
    const bodies: unknown[] = [
      { user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-user', arg1: ['target'], returncode: 'yes' },
      { user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-user', arg1: { a: 1 }, returncode: 'yes' },
      { user: CREDS.panelUser, password: CREDS.panelPassword, cmd: ['v-list-users'], returncode: 'yes' },
      { user: CREDS.panelUser, password: null, cmd: 'v-list-users', returncode: 'yes' },
      { user: 12345, password: CREDS.panelPassword, cmd: 'v-list-users', returncode: 'yes' },
      [1, 2, 3],
      'just a string',
    ];
    for (const body of bodies) {
      const r = await call(`${gw.url}/panel/api/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect({ body, ok: [200, 401, 405, 422].includes(r.status) && r.body !== '' }).toEqual({ body, ok: true });
    }
    // A number where a string is expected reads as PHP would read it: as its decimal text.
    const json = (body: unknown) => call(`${gw.url}/panel/api/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const admin = { user: CREDS.panelUser, password: CREDS.panelPassword, returncode: 'yes' };
    expect((await json({ ...admin, cmd: 'v-add-user', arg1: 'numeric', arg2: 123456, arg3: 'n@example.com' })).body).toBe('0');
    expect((await json({ ...admin, cmd: 'v-check-user-password', arg1: 'numeric', arg2: '123456' })).body).toBe('0');
  });

  it('ignores arg14 and beyond in access-key mode too, and a 14-argument v-add-dns-domain is cut at arg13', async () => {
    expect(await exitCode(gw, 'v-add-user', ['fourteen', 'Passw0rd!', 'f@example.com'])).toBe('0');
    const key = await adminAccessKey(gw);
    const auth = { access_key: key.id, secret_key: key.secret };
    const args = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`arg${i + 1}`, ['extra20', 'Passw0rd!', 'e20@example.com', 'default'][i] ?? 'x']));
    const r = await call(`${gw.url}/panel/api/`, form({ ...auth, cmd: 'v-add-user', ...args }));
    expect([r.status, r.headers.get('hestia-exit-code')]).toEqual([204, '0']);
    // arg13 is DNSSEC: a value there is validated (yes/no), arg14 is never read. The empty NS
    // arguments are sent, as present-but-empty ones keep their positions.
    const ns = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`arg${i + 4}`, '']));
    const dns = (extra: Record<string, string>) => call(`${gw.url}/panel/api/`, form({ ...auth, cmd: 'v-add-dns-domain', arg1: 'fourteen', arg2: 'fourteen.com', arg3: '192.0.2.1', ...ns, arg12: 'no', returncode: 'yes', ...extra }));
    expect((await dns({ arg13: 'maybe', arg14: 'yes' })).body).toBe('2');
    expect((await dns({ arg13: 'no', arg14: '$(id)' })).body).toBe('0');
  });

  it('stores hostile values verbatim where Hestia accepts them (a TXT record, a password), and lists them as they were given', async () => {
    expect(await exitCode(gw, 'v-add-user', ['verbatim', 'Passw0rd!', 'v@example.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-dns-domain', ['verbatim', 'verbatim.com', '192.0.2.1'])).toBe('0');
    const txt = '"v=spf1 $(id) `id` ; | & > < * ? \\ x"';
    expect(await exitCode(gw, 'v-add-dns-record', ['verbatim', 'verbatim.com', 'meta', 'TXT', txt, '', '500'])).toBe('0');
    const records = JSON.parse((await hestia(gw, 'v-list-dns-records', ['verbatim', 'verbatim.com', 'json'])).body) as Record<string, Record<string, string>>;
    expect(records['500']['VALUE']).toBe(txt);
    const password = "$(id)`id`;|&><*?\\'\"" + 'p'.repeat(300);
    expect(await exitCode(gw, 'v-change-user-password', ['verbatim', password])).toBe('0');
    expect((await hestia(gw, 'v-check-user-password', ['verbatim', password])).body).toBe('OK');
    // A newline or NUL in a record value could split a zone file line: refused.
    expect(await exitCode(gw, 'v-add-dns-record', ['verbatim', 'verbatim.com', 'nl', 'TXT', 'a\nb'])).toBe('2');
    expect(await exitCode(gw, 'v-add-dns-record', ['verbatim', 'verbatim.com', 'nul', 'TXT', 'a\u0000b'])).toBe('2');
  });
});
