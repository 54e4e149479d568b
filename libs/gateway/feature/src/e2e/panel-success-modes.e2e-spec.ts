import { adminAccessKey, argsOf, ROOT } from './panel-client';
import { call, CREDS, form, startTestGateway, type TestGateway } from './test-gateway';

/** A step: the command and its arguments for user `u` (domains derived from it), and whether it prints output. */
type Step = readonly [cmd: string, args: (u: string) => string[], prints: 'nothing' | 'json' | 'text'];

/**
 * Every command's success path, run once per auth mode on its own user, in the order a provisioning
 * client would: legacy mode answers exactly OK (or the output plus a newline) with 200 and no
 * Hestia-Exit-Code header; access-key mode answers 204 with Hestia-Exit-Code 0, or the output
 * trimmed with 200 (application/json for JSON).
 */
const STEPS: readonly Step[] = [
  ['v-make-tmp-file', (u) => ["WEB_DOMAINS='5'", `${u}.pkg`], 'nothing'],
  ['v-add-user-package', (u) => ['/tmp', u], 'nothing'],
  ['v-list-user-packages', () => ['json'], 'json'],
  ['v-add-user', (u) => [u, 'Passw0rd!', `${u}@example.com`, 'default', 'First', 'Last'], 'nothing'],
  ['v-change-user-password', (u) => [u, 'N3w-Passw0rd'], 'nothing'],
  ['v-check-user-password', (u) => [u, 'N3w-Passw0rd'], 'nothing'],
  ['v-change-user-shell', (u) => [u, 'bash'], 'nothing'],
  ['v-change-user-contact', (u) => [u, `new-${u}@example.com`], 'nothing'],
  ['v-change-user-package', (u) => [u, u], 'nothing'],
  ['v-list-user', (u) => [u, 'json'], 'json'],
  ['v-list-users', () => ['json'], 'json'],
  ['v-add-domain', (u) => [u, `${u}.com`], 'nothing'],
  ['v-add-web-domain', (u) => [u, `${u}-web.com`], 'nothing'],
  ['v-suspend-web-domain', (u) => [u, `${u}-web.com`], 'nothing'],
  ['v-unsuspend-web-domain', (u) => [u, `${u}-web.com`], 'nothing'],
  ['v-add-letsencrypt-domain', (u) => [u, `${u}-web.com`], 'nothing'],
  ['v-list-web-domains', (u) => [u, 'json'], 'json'],
  ['v-list-web-domain', (u) => [u, `${u}-web.com`, 'json'], 'json'],
  ['v-delete-web-domain', (u) => [u, `${u}-web.com`], 'nothing'],
  ['v-add-dns-domain', (u) => [u, `${u}-dns.com`, '192.0.2.1'], 'nothing'],
  ['v-add-dns-record', (u) => [u, `${u}-dns.com`, 'api', 'A', '192.0.2.2', '', '77'], 'nothing'],
  ['v-list-dns-records', (u) => [u, `${u}-dns.com`, 'json'], 'json'],
  ['v-delete-dns-record', (u) => [u, `${u}-dns.com`, '77'], 'nothing'],
  ['v-list-dns-domains', (u) => [u, 'json'], 'json'],
  ['v-delete-dns-domain', (u) => [u, `${u}-dns.com`], 'nothing'],
  ['v-add-mail-domain', (u) => [u, `${u}-mail.com`], 'nothing'],
  ['v-add-mail-account', (u) => [u, `${u}-mail.com`, 'info', 'Passw0rd!', '500'], 'nothing'],
  ['v-change-mail-account-password', (u) => [u, `${u}-mail.com`, 'info', 'N3w-Passw0rd'], 'nothing'],
  ['v-list-mail-accounts', (u) => [u, `${u}-mail.com`, 'json'], 'json'],
  ['v-delete-mail-account', (u) => [u, `${u}-mail.com`, 'info'], 'nothing'],
  ['v-list-mail-domains', (u) => [u, 'json'], 'json'],
  ['v-delete-mail-domain', (u) => [u, `${u}-mail.com`], 'nothing'],
  ['v-add-database', (u) => [u, 'db', 'dbu', 'Passw0rd!'], 'nothing'],
  ['v-suspend-database', (u) => [u, `${u}_db`], 'nothing'],
  ['v-unsuspend-database', (u) => [u, `${u}_db`], 'nothing'],
  ['v-list-databases', (u) => [u, 'json'], 'json'],
  ['v-delete-database', (u) => [u, `${u}_db`], 'nothing'],
  ['v-add-access-key', (u) => [u, 'mail-accounts', 'ci', 'json'], 'json'],
  ['v-list-access-keys', () => ['json'], 'json'],
  ['v-generate-api-key', () => [], 'text'],
  ['v-suspend-user', (u) => [u], 'nothing'],
  ['v-unsuspend-user', (u) => [u], 'nothing'],
  ['v-delete-user', (u) => [u], 'nothing'],
  ['v-delete-user-package', (u) => [u], 'nothing'],
];

describe('panel: every command succeeds in both auth modes, each answering as its mode does', () => {
  let gw: TestGateway;
  let keyAuth: Record<string, string>;

  beforeAll(async () => {
    gw = await startTestGateway();
    const key = await adminAccessKey(gw);
    keyAuth = { access_key: key.id, secret_key: key.secret };
  });
  afterAll(() => gw.close());

  const send = (auth: Record<string, string>, cmd: string, args: readonly string[]) => call(`${gw.url}/panel/api/`, form({ ...auth, cmd, ...argsOf(args) }));

  it('legacy mode (user/password): 200, exactly OK or the output plus a newline, no Hestia-Exit-Code header', async () => {
    for (const [cmd, args, prints] of STEPS) {
      const r = await send(ROOT, cmd, args('legacyu'));
      expect([cmd, r.status, r.headers.get('hestia-exit-code')]).toEqual([cmd, 200, null]);
      if (prints === 'nothing') expect([cmd, r.body]).toEqual([cmd, 'OK']);
      else expect([cmd, r.body.endsWith('\n') && !r.body.startsWith('Error:') && r.body.trim() !== '']).toEqual([cmd, true]);
    }
  });

  it('access-key mode: 204 and Hestia-Exit-Code 0 without output, 200 with it (application/json for JSON)', async () => {
    for (const [cmd, args, prints] of STEPS) {
      const r = await send(keyAuth, cmd, args('keyu'));
      expect([cmd, r.headers.get('hestia-exit-code')]).toEqual([cmd, '0']);
      if (prints === 'nothing') {
        expect([cmd, r.status, r.body]).toEqual([cmd, 204, '']);
      } else {
        expect([cmd, r.status, r.body === r.body.trim() && r.body !== '']).toEqual([cmd, 200, true]);
        const type = r.headers.get('content-type');
        expect([cmd, type]).toEqual([cmd, prints === 'json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8']);
      }
    }
  });

  it('left nothing behind: both users and their packages are gone', async () => {
    const users = JSON.parse((await send(ROOT, 'v-list-users', ['json'])).body) as Record<string, unknown>;
    expect(Object.keys(users)).toEqual([CREDS.panelUser]);
    const packages = JSON.parse((await send(ROOT, 'v-list-user-packages', ['json'])).body) as Record<string, unknown>;
    expect(Object.keys(packages)).not.toEqual(expect.arrayContaining(['legacyu']));
    expect(Object.keys(packages)).not.toEqual(expect.arrayContaining(['keyu']));
  });
});
