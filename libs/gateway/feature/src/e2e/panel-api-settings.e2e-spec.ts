import { SettingsService } from '@hostgate/domain';
import { SettingEntity } from '@hostgate/shared/persistence';
import { DataSource } from 'typeorm';
import { exitCode, hestia } from './panel-client';
import { call, CREDS, form, startTestGateway, type TestGateway } from './test-gateway';

/**
 * hestia.conf's API, API_SYSTEM and API_ALLOWED_IP (dialects.md 1.2), as the operator settings
 * panel.api, panel.api_system and panel.api_allowed_ip. Each test sets what it needs and the
 * afterEach puts the defaults back, so the order of the tests does not matter.
 */
describe('panel API gated by the server settings (API, API_SYSTEM, API_ALLOWED_IP)', () => {
  let gw: TestGateway;
  let settings: SettingsService;
  let adminKey: Record<string, string>;
  let userKey: Record<string, string>;
  let userKeyId: string;

  const keyOf = async (user: string, permissions: string): Promise<{ auth: Record<string, string>; id: string }> => {
    const r = await hestia(gw, 'v-add-access-key', [user, permissions, '', 'plain']);
    const [id, secret] = r.body.trim().split(':');
    return { auth: { access_key: id, secret_key: secret }, id };
  };
  /** A caller at `ip`: the test client is on loopback, a trusted proxy, so Fastify takes the forwarded address. */
  const from = (ip: string, fields: Record<string, string>) => call(`${gw.url}/panel/api/`, { ...form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip } });
  const legacy = { user: CREDS.panelUser, password: CREDS.panelPassword };

  beforeAll(async () => {
    gw = await startTestGateway();
    settings = gw.app.get(SettingsService);
    expect(await exitCode(gw, 'v-add-user', ['erin', 'Passw0rd!', 'erin@example.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-mail-domain', ['erin', 'erin.com'])).toBe('0');
    adminKey = (await keyOf(CREDS.panelUser, '')).auth;
    const user = await keyOf('erin', 'mail-accounts');
    userKey = user.auth;
    userKeyId = user.id;
  });
  afterEach(async () => {
    for (const key of ['panel.api', 'panel.api_system', 'panel.api_allowed_ip']) await settings.reset(key);
  });
  afterAll(() => gw.close());

  describe('API (legacy user/password and hash)', () => {
    it('is on by default: the seed example answers 0', async () => {
      expect(await exitCode(gw, 'v-list-user', ['erin'])).toBe('0');
    });

    it('when not yes, refuses legacy calls with both of api_legacy\'s messages, 400 and Hestia-Exit-Code 11, before looking at the password', async () => {
      await settings.set('panel.api', 'no');
      const r = await hestia(gw, 'v-list-users', ['json']);
      expect([r.status, r.headers.get('hestia-exit-code'), r.body]).toEqual([400, '11', 'Error: API has been disabledError: API Disabled']);
      const coded = await hestia(gw, 'v-list-users', ['json'], legacy, { returncode: 'yes' });
      expect([coded.status, coded.body]).toEqual([400, 'Error: API has been disabled11']);
      // A wrong password gets the same answer: the setting is read before any credential.
      const wrong = await hestia(gw, 'v-list-users', ['json'], { user: CREDS.panelUser, password: 'wrong' }, { returncode: 'yes' });
      expect(wrong.body).toBe('Error: API has been disabled11');
      const hash = await hestia(gw, 'v-list-users', ['json'], { hash: 'k'.repeat(32) });
      expect(hash.headers.get('hestia-exit-code')).toBe('11');
    });

    it('does not touch access-key mode, which API_SYSTEM governs', async () => {
      await settings.set('panel.api', 'no');
      const r = await hestia(gw, 'v-list-user', ['erin', 'json'], adminKey);
      expect([r.status, r.headers.get('hestia-exit-code')]).toEqual([200, '0']);
    });
  });

  describe('API_SYSTEM (access keys)', () => {
    it('0 refuses every key with E_DISABLED: 400, exit 11, "API has been disabled" (or 11 with returncode)', async () => {
      await settings.set('panel.api_system', '0');
      const r = await hestia(gw, 'v-list-users', ['json'], adminKey);
      expect([r.status, r.headers.get('hestia-exit-code'), r.body]).toEqual([400, '11', 'Error: API has been disabled']);
      const coded = await hestia(gw, 'v-list-users', ['json'], adminKey, { returncode: 'yes' });
      expect([coded.status, coded.body]).toEqual([400, '11']);
      // Before the key is looked at: a bogus key gets the same answer.
      const bogus = await hestia(gw, 'v-list-users', ['json'], { access_key: 'A'.repeat(20), secret_key: 'b'.repeat(40) });
      expect(bogus.headers.get('hestia-exit-code')).toBe('11');
      // Legacy mode is governed by API only.
      expect(await exitCode(gw, 'v-list-user', ['erin'])).toBe('0');
    });

    it('1 (the default) admits the admin key but refuses a user key with E_API_DISABLED: 401, exit 21', async () => {
      expect((await hestia(gw, 'v-list-user', ['erin', 'json'], adminKey)).status).toBe(200);
      const r = await hestia(gw, 'v-list-mail-domains', ['erin', 'json'], userKey);
      expect([r.status, r.headers.get('hestia-exit-code'), r.body]).toEqual([401, '21', 'Error: API has been disabled']);
      expect((await hestia(gw, 'v-list-mail-domains', ['erin', 'json'], userKey, { returncode: 'yes' })).body).toBe('21');
    });

    it('1: the key checks of v-check-access-key come first (a command outside the profile is still exit 10)', async () => {
      const r = await hestia(gw, 'v-list-users', ['json'], userKey);
      expect([r.headers.get('hestia-exit-code'), r.body]).toEqual(['10', `Error: Key ${userKeyId} don't have permission to run the command v-list-users`]);
    });

    it('2 admits user keys too, still only on their own user', async () => {
      await settings.set('panel.api_system', '2');
      const r = await hestia(gw, 'v-list-mail-domains', ['erin', 'json'], userKey);
      expect([r.status, r.headers.get('hestia-exit-code')]).toEqual([200, '0']);
      expect(Object.keys(JSON.parse(r.body) as object)).toEqual(['erin.com']);
      expect((await hestia(gw, 'v-list-mail-domains', ['admin', 'json'], userKey)).headers.get('hestia-exit-code')).toBe('10');
    });

    it('a malformed cmd is 422 (exit 2) before the key is checked, in access-key mode', async () => {
      const r = await hestia(gw, 'v-list;users', [], { access_key: 'A'.repeat(20), secret_key: 'b'.repeat(40) });
      expect([r.status, r.headers.get('hestia-exit-code'), r.body]).toEqual([422, '2', 'Error: v-list;users command invalid']);
      const none = await hestia(gw, '', [], { access_key: 'A'.repeat(20), secret_key: 'b'.repeat(40) });
      expect([none.status, none.body]).toEqual([422, 'Error: Command not provided']);
    });
  });

  describe('API_ALLOWED_IP', () => {
    it('allow-all (the default) admits any caller', async () => {
      expect((await from('198.51.100.9', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
    });

    it('a list admits the listed addresses only: E_FORBIDDEN 401 exit 10 "IP is not allowed to connect with API" in both modes', async () => {
      await settings.set('panel.api_allowed_ip', '203.0.113.7,198.51.100.20');
      expect((await from('203.0.113.7', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
      expect((await from('198.51.100.20', { ...adminKey, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
      const refused = await from('198.51.100.9', { ...legacy, cmd: 'v-list-user', arg1: 'erin' });
      expect([refused.status, refused.headers.get('hestia-exit-code'), refused.body]).toEqual([401, '10', 'Error: IP is not allowed to connect with API']);
      const keyed = await from('198.51.100.9', { ...adminKey, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' });
      expect([keyed.status, keyed.headers.get('hestia-exit-code'), keyed.body]).toEqual([401, '10', '10']);
      // Checked before the credentials: a wrong password from a refused address is still "not allowed".
      const wrong = await from('198.51.100.9', { user: CREDS.panelUser, password: 'wrong', cmd: 'v-list-users' });
      expect(wrong.body).toBe('Error: IP is not allowed to connect with API');
    });

    it('unwraps an IPv4-mapped IPv6 caller (::ffff:a.b.c.d) before comparing', async () => {
      await settings.set('panel.api_allowed_ip', '203.0.113.7');
      expect((await from('::ffff:203.0.113.7', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
      expect((await from('::ffff:203.0.113.8', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('10');
    });

    it('compares the comma-separated entries exactly, as explode(",") leaves them (no trimming)', async () => {
      // A value stored as hestia.conf would hold it (the admin API and CLI store lists without spaces).
      await gw.app.get(DataSource).getRepository(SettingEntity).upsert({ key: 'panel.api_allowed_ip', value: '203.0.113.7, 198.51.100.20' }, ['key']);
      expect((await from('198.51.100.20', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('10');
      expect((await from('203.0.113.7', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
    });

    it('stores a list given with spaces the way Hestia reads it, so every address it names is admitted', async () => {
      await settings.set('panel.api_allowed_ip', '203.0.113.7, 198.51.100.20');
      expect((await from('198.51.100.20', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
      expect((await from('203.0.113.7', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
      expect((await from('203.0.113.8', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('10');
    });

    it('a literal 0.0.0.0 entry admits everyone in access-key mode only', async () => {
      await settings.set('panel.api_allowed_ip', '0.0.0.0');
      expect((await from('198.51.100.9', { ...adminKey, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('0');
      expect((await from('198.51.100.9', { ...legacy, cmd: 'v-list-user', arg1: 'erin', returncode: 'yes' })).body).toBe('10');
    });

    it('the loopback caller itself is matched by its own address', async () => {
      await settings.set('panel.api_allowed_ip', '127.0.0.1');
      expect(await exitCode(gw, 'v-list-user', ['erin'])).toBe('0');
    });
  });
});
