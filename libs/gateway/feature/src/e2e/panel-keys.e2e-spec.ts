import { SettingsService } from '@hostgate/domain';
import { e2eGolden, exitCode, hestia, maskClock } from './panel-client';
import { CREDS, startTestGateway, type TestGateway } from './test-gateway';

interface KeyJson {
  ACCESS_KEY_ID: string;
  SECRET_ACCESS_KEY: string;
  USER: string;
  PERMISSIONS: string[];
  COMMENT: string;
  TIME: string;
  DATE: string;
}

describe('panel API keys and access keys', () => {
  let gw: TestGateway;

  const addKey = async (user: string, permissions = '', comment = ''): Promise<{ auth: Record<string, string>; key: KeyJson }> => {
    const r = await hestia(gw, 'v-add-access-key', [user, permissions, comment, 'json']);
    expect(r.status).toBe(200);
    const key = JSON.parse(r.body) as KeyJson;
    return { key, auth: { access_key: key.ACCESS_KEY_ID, secret_key: key.SECRET_ACCESS_KEY } };
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    // Users' own keys need API_SYSTEM 2 (panel-api-settings.e2e-spec.ts covers levels 0 and 1).
    await gw.app.get(SettingsService).set('panel.api_system', '2');
    for (const u of ['carol', 'dave']) expect(await exitCode(gw, 'v-add-user', [u, 'Passw0rd!', `${u}@example.com`])).toBe('0');
    expect(await exitCode(gw, 'v-add-mail-domain', ['carol', 'carol.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-mail-domain', ['dave', 'dave.com'])).toBe('0');
  });
  afterAll(() => gw.close());

  it('v-generate-api-key prints a new 32-character key that then works as `hash` (legacy mode)', async () => {
    const r = await hestia(gw, 'v-generate-api-key');
    expect(r.body).toMatch(/^[A-Za-z0-9_-]{32}\n$/);
    const hash = r.body.trim();
    const listed = await hestia(gw, 'v-list-users', ['list'], { hash });
    expect(listed.body).toContain(`${CREDS.panelUser}\n`);
    expect((await hestia(gw, 'v-add-user', ['viahash', 'Passw0rd!', 'h@example.com'], { hash }, { returncode: 'yes' })).body).toBe('0');
    const wrong = await hestia(gw, 'v-list-users', ['list'], { hash: 'x'.repeat(32) }, { returncode: 'yes' });
    expect([wrong.status, wrong.body]).toEqual([401, '9']);
  });

  it('v-add-access-key prints the new key in Hestia JSON, plain (ID:SECRET) and shell; it works as access_key/secret_key and as hash', async () => {
    const { key, auth } = await addKey(CREDS.panelUser, '', 'ci');
    expect(key).toMatchObject({ USER: CREDS.panelUser, PERMISSIONS: [], COMMENT: 'ci' });
    expect(key.ACCESS_KEY_ID).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(key.SECRET_ACCESS_KEY).toMatch(/^[A-Za-z0-9_.+/^~=%-]{40}$/);
    const listed = await hestia(gw, 'v-list-users', ['json'], auth);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('content-type')).toContain('application/json');
    expect(listed.headers.get('hestia-exit-code')).toBe('0');
    const viaHash = await hestia(gw, 'v-list-users', ['list'], { hash: `${key.ACCESS_KEY_ID}:${key.SECRET_ACCESS_KEY}` });
    expect(viaHash.body).toContain(CREDS.panelUser);
    const plain = await hestia(gw, 'v-add-access-key', [CREDS.panelUser, '', '', 'plain']);
    expect(plain.body).toMatch(/^[A-Za-z0-9]{20}:[A-Za-z0-9_.+/^~=%-]{40}\n$/);
    const shell = await hestia(gw, 'v-add-access-key', [CREDS.panelUser]);
    expect(shell.body).toMatch(/^ACCESS_KEY_ID: {6}[A-Za-z0-9]{20}\nSECRET_ACCESS_KEY: {2}\S{40}\nUSER: {15}admin\nPERMISSIONS: {8}\nCOMMENT: {12}\nTIME: {15}\d\d:\d\d:\d\d\nDATE: {15}\d{4}-\d\d-\d\d\n$/);
  });

  it('a billing-profile key runs the billing commands only (exit 10 otherwise)', async () => {
    const { key, auth } = await addKey(CREDS.panelUser, 'billing');
    expect(key.PERMISSIONS).toEqual(['billing']);
    const created = await hestia(gw, 'v-add-user', ['billed', 'Passw0rd!', 'b@example.com'], auth);
    expect([created.status, created.body, created.headers.get('hestia-exit-code')]).toEqual([204, '', '0']);
    const denied = await hestia(gw, 'v-add-database', ['billed', 'db', 'db', 'x'], auth);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('hestia-exit-code')).toBe('10');
    expect(denied.body).toBe(`Error: Key ${key.ACCESS_KEY_ID} don't have permission to run the command v-add-database`);
    expect((await hestia(gw, 'v-add-database', ['billed', 'db', 'db', 'x'], auth, { returncode: 'yes' })).body).toBe('10');
  });

  it('a non-admin key acts only on its own user (the "user" argument check, exit 10)', async () => {
    const { key, auth } = await addKey('carol', 'mail-accounts');
    const own = await hestia(gw, 'v-add-mail-account', ['carol', 'carol.com', 'info', 'Passw0rd!'], auth);
    expect(own.status).toBe(204);
    const other = await hestia(gw, 'v-add-mail-account', ['dave', 'dave.com', 'info', 'Passw0rd!'], auth);
    expect(other.status).toBe(401);
    expect(other.headers.get('hestia-exit-code')).toBe('10');
    expect(other.body).toBe(`Error: Key ${key.ACCESS_KEY_ID} - the "user" argument doesn\\'t match the key\\'s user`);
    expect((await hestia(gw, 'v-list-users', ['json'], auth)).headers.get('hestia-exit-code')).toBe('10');
    const listed = await hestia(gw, 'v-list-mail-accounts', ['carol', 'carol.com', 'json'], auth);
    expect(Object.keys(JSON.parse(listed.body) as object)).toEqual(['info']);
  });

  it('refuses a key whose owner is suspended (401, exit 9)', async () => {
    const { auth } = await addKey('dave', 'mail-accounts');
    expect(await exitCode(gw, 'v-suspend-user', ['dave'])).toBe('0');
    const r = await hestia(gw, 'v-list-mail-domains', ['dave', 'json'], auth);
    expect([r.status, r.headers.get('hestia-exit-code'), r.body]).toEqual([401, '9', 'Error: user dave is suspended']);
    expect(await exitCode(gw, 'v-unsuspend-user', ['dave'])).toBe('0');
    expect((await hestia(gw, 'v-list-mail-domains', ['dave', 'json'], auth)).status).toBe(200);
  });

  it('v-add-access-key refusals: non-admin without profiles (2), unknown profile (3), admin-only profile (2), unknown user (3)', async () => {
    expect((await hestia(gw, 'v-add-access-key', ['carol'])).body).toBe('Error: Non-admin users need a permission list\n');
    expect(await exitCode(gw, 'v-add-access-key', ['carol'])).toBe('2');
    expect((await hestia(gw, 'v-add-access-key', ['carol', 'nope'])).body).toBe("Error: API nope doesn't exist\n");
    expect(await exitCode(gw, 'v-add-access-key', ['carol', 'billing'])).toBe('2');
    expect(await exitCode(gw, 'v-add-access-key', ['ghost', 'mail-accounts'])).toBe('3');
    expect(await exitCode(gw, 'v-add-access-key', ['carol', 'mail-accounts', 'bad"comment'])).toBe('2');
    expect(await exitCode(gw, 'v-add-access-key', [])).toBe('1');
  });

  it('v-list-access-keys lists live keys without their secrets; v-delete-access-key revokes (0, then 3)', async () => {
    const { key, auth } = await addKey(CREDS.panelUser, 'billing', 'to-delete');
    const all = JSON.parse((await hestia(gw, 'v-list-access-keys', ['json'])).body) as Record<string, KeyJson>;
    expect(all[key.ACCESS_KEY_ID]).toMatchObject({ ACCESS_KEY_ID: key.ACCESS_KEY_ID, SECRET_ACCESS_KEY: '', USER: CREDS.panelUser, PERMISSIONS: ['billing'], COMMENT: 'to-delete' });
    expect((await hestia(gw, 'v-list-access-keys')).body).toMatch(/^ID\s+SECRET\s+USER\s+PERMISSIONS\s+COMMENT\s+TIME\s+DATE\n/);
    expect(await exitCode(gw, 'v-delete-access-key', [key.ACCESS_KEY_ID])).toBe('0');
    const after = await hestia(gw, 'v-list-users', ['list'], auth);
    expect([after.status, after.body]).toEqual([401, `Error: key ${key.ACCESS_KEY_ID} doesn't exist`]);
    expect((await hestia(gw, 'v-delete-access-key', [key.ACCESS_KEY_ID])).body).toBe(`Error: key ${key.ACCESS_KEY_ID} doesn't exist\n`);
    expect(await exitCode(gw, 'v-delete-access-key', ['not-a-key'])).toBe('2');
    const remaining = JSON.parse((await hestia(gw, 'v-list-access-keys', ['json'])).body) as Record<string, KeyJson>;
    expect(Object.keys(remaining)).not.toContain(key.ACCESS_KEY_ID);
  });

  it('an unknown command is 401 "Command X not found" (exit 10) in access-key mode, OK in legacy mode', async () => {
    const { auth } = await addKey(CREDS.panelUser);
    const r = await hestia(gw, 'v-no-such-command', [], auth);
    expect([r.status, r.headers.get('hestia-exit-code'), r.body]).toEqual([401, '10', 'Error: Command v-no-such-command not found']);
    const coded = await hestia(gw, 'v-no-such-command', [], auth, { returncode: 'yes' });
    expect([coded.status, coded.headers.get('hestia-exit-code'), coded.body]).toEqual([401, '10', '10']);
    expect((await hestia(gw, 'v-no-such-command')).body).toBe('OK');
    expect(await exitCode(gw, 'v-no-such-command')).toBe('1');
  });
});

describe('panel key list outputs match the golden files in every format Hestia has', () => {
  let gw: TestGateway;
  const ids: string[] = [];
  /** Key ids are random: each is replaced by its order of creation; clock values are masked too. */
  const mask = (text: string): string => maskClock(ids.reduce((t, id, i) => t.split(id).join(`KEY${String(i + 1).padStart(17, '0')}`), text));

  beforeAll(async () => {
    gw = await startTestGateway();
    expect(await exitCode(gw, 'v-add-user', ['keyed', 'Passw0rd!', 'keyed@example.com'])).toBe('0');
    for (const [user, permissions, comment] of [
      [CREDS.panelUser, 'billing', 'whmcs'],
      ['keyed', 'mail-accounts,update-dns-records', 'roundcube'],
      [CREDS.panelUser, '', ''],
    ]) {
      const r = await hestia(gw, 'v-add-access-key', [user, permissions, comment, 'plain']);
      ids.push(r.body.split(':')[0]);
    }
  });
  afterAll(() => gw.close());

  const cases: Array<[string, () => string[]]> = [
    ['v-list-access-keys json', () => ['json']],
    ['v-list-access-keys shell', () => ['shell']],
    ['v-list-access-key json', () => [ids[1], 'json']],
    ['v-list-access-key shell', () => [ids[1], 'shell']],
    ['v-list-access-key plain', () => [ids[1], 'plain']],
  ];

  it.each(cases)('%s', async (name, args) => {
    const [cmd, format] = name.split(' ');
    const r = await hestia(gw, cmd, args());
    expect(r.status).toBe(200);
    if (format === 'json') {
      // Every value a string, except PERMISSIONS, which Hestia prints as a JSON array of strings.
      const parsed = JSON.parse(r.body) as Record<string, unknown>;
      const objects = cmd === 'v-list-access-key' ? [parsed] : Object.values(parsed);
      for (const o of objects as Array<Record<string, unknown>>) {
        for (const [k, v] of Object.entries(o)) expect([k, k === 'PERMISSIONS' ? Array.isArray(v) && v.every((p) => typeof p === 'string') : typeof v === 'string']).toEqual([k, true]);
      }
    }
    const body = mask(r.body);
    expect(body).toBe(e2eGolden(`${cmd}.${format}.txt`, body));
  });

  it('takes an empty FORMAT as shell (the scripts read ${1:-shell})', async () => {
    expect((await hestia(gw, 'v-list-access-keys', [''])).body).toBe((await hestia(gw, 'v-list-access-keys', ['shell'])).body);
    expect((await hestia(gw, 'v-list-access-key', [ids[0], ''])).body).toBe((await hestia(gw, 'v-list-access-key', [ids[0], 'shell'])).body);
  });

  it('has no csv, plain or list format for v-list-access-keys: prints nothing (OK)', async () => {
    for (const format of ['csv', 'plain', 'list']) expect((await hestia(gw, 'v-list-access-keys', [format])).body).toBe('OK');
  });
});
