import { adminAccessKey, exitCode, hestia } from './panel-client';
import { startTestGateway, type TestGateway } from './test-gateway';

type Listing = Record<string, Record<string, string>>;

/**
 * v-add-letsencrypt-domain USER DOMAIN [ALIASES] [MAIL]: no ACME exchange happens; the request is
 * recorded and the domain shows the state Hestia leaves after a successful one.
 */
describe('panel v-add-letsencrypt-domain', () => {
  let gw: TestGateway;
  let keyAuth: Record<string, string>;
  const list = async (cmd: string, args: readonly string[]): Promise<Listing> => JSON.parse((await hestia(gw, cmd, [...args, 'json'])).body) as Listing;

  beforeAll(async () => {
    gw = await startTestGateway();
    for (const u of ['lena', 'mick']) expect(await exitCode(gw, 'v-add-user', [u, 'Passw0rd!', `${u}@example.com`])).toBe('0');
    expect(await exitCode(gw, 'v-add-web-domain', ['lena', 'lena.com', '', '', 'www.lena.com,shop.lena.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-web-domain', ['lena', 'plain.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-mail-domain', ['lena', 'lena.com'])).toBe('0');
    const key = await adminAccessKey(gw);
    keyAuth = { access_key: key.id, secret_key: key.secret };
  });
  afterAll(() => gw.close());

  it('a fresh web domain has SSL and LETSENCRYPT "no", U_WEB_SSL 0', async () => {
    expect((await list('v-list-web-domain', ['lena', 'plain.com']))['plain.com']).toMatchObject({ SSL: 'no', LETSENCRYPT: 'no' });
    expect((await list('v-list-user', ['lena']))['lena']['U_WEB_SSL']).toBe('0');
  });

  it('records the request (OK, exit 0): SSL and LETSENCRYPT yes in v-list-web-domain(s), U_WEB_SSL counted', async () => {
    const r = await hestia(gw, 'v-add-letsencrypt-domain', ['lena', 'lena.com', 'www.lena.com,shop.lena.com']);
    expect([r.status, r.body]).toEqual([200, 'OK']);
    expect((await list('v-list-web-domain', ['lena', 'lena.com']))['lena.com']).toMatchObject({ SSL: 'yes', LETSENCRYPT: 'yes', SSL_HOME: 'same' });
    expect((await list('v-list-web-domains', ['lena']))['lena.com']).toMatchObject({ SSL: 'yes', LETSENCRYPT: 'yes' });
    expect((await list('v-list-web-domains', ['lena']))['plain.com']).toMatchObject({ SSL: 'no', LETSENCRYPT: 'no' });
    expect((await list('v-list-user', ['lena']))['lena']['U_WEB_SSL']).toBe('1');
    const shell = (await hestia(gw, 'v-list-web-domain', ['lena', 'lena.com'])).body;
    expect(shell).toContain('\nSSL:            yes / same\nLETSENCRYPT:    yes\n');
    expect((await hestia(gw, 'v-list-web-domain', ['lena', 'plain.com'])).body).not.toContain('SSL:');
  });

  it('takes no aliases, or the *.DOMAIN wildcard, and a repeat request (a renewal) succeeds too', async () => {
    expect(await exitCode(gw, 'v-add-letsencrypt-domain', ['lena', 'plain.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-letsencrypt-domain', ['lena', 'plain.com', '*.plain.com'])).toBe('0');
    expect((await list('v-list-user', ['lena']))['lena']['U_WEB_SSL']).toBe('2');
  });

  it('MAIL=yes puts the certificate on the mail domain (SSL yes in v-list-mail-domains), not on the web domain', async () => {
    expect(await exitCode(gw, 'v-add-web-domain', ['mick', 'mick.com'])).toBe('0');
    expect(await exitCode(gw, 'v-add-mail-domain', ['mick', 'mick.com'])).toBe('0');
    expect((await list('v-list-mail-domains', ['mick']))['mick.com']['SSL']).toBe('no');
    expect(await exitCode(gw, 'v-add-letsencrypt-domain', ['mick', 'mick.com', '', 'yes'])).toBe('0');
    expect((await list('v-list-mail-domains', ['mick']))['mick.com']['SSL']).toBe('yes');
    expect((await list('v-list-web-domain', ['mick', 'mick.com']))['mick.com']['SSL']).toBe('no');
    // MAIL=no is the web domain, as an absent MAIL.
    expect(await exitCode(gw, 'v-add-letsencrypt-domain', ['mick', 'mick.com', '', 'no'])).toBe('0');
    expect((await list('v-list-web-domain', ['mick', 'mick.com']))['mick.com']['LETSENCRYPT']).toBe('yes');
  });

  it('answers each documented failure with its code and text', async () => {
    const cases: Array<[readonly string[], string, string]> = [
      [['lena'], '1', 'Usage: v-add-letsencrypt-domain USER DOMAIN [ALIASES] [MAIL] \n'],
      [['bad user!', 'lena.com'], '2', 'Error: invalid user format :: bad user!\n'],
      [['lena', 'bad_domain.com'], '2', 'Error: invalid domain format :: bad_domain.com\n'],
      [['lena', '192.0.2.1'], '1', 'Error: Invalid domain format. IP address detected as input.\n'],
      [['lena', 'lena.com', 'bad alias'], '2', 'Error: invalid aliases format :: bad alias\n'],
      [['lena', 'lena.com', '', 'maybe'], '2', 'Error: invalid mail format :: maybe\n'],
      [['ghost', 'lena.com'], '3', "Error: user ghost doesn't exist\n"],
      [['lena', 'nope.com'], '3', "Error: web domain nope.com doesn't exist\n"],
      [['mick', 'lena.com'], '3', "Error: web domain lena.com doesn't exist\n"],
      [['lena', 'lena.com', 'cdn.lena.com'], '3', "Error: domain alias cdn.lena.com doesn't exist\n"],
      [['lena', 'plain.com', '', 'yes'], '3', "Error: mail domain plain.com doesn't exist\n"],
    ];
    for (const [args, code, body] of cases) {
      expect([args, await exitCode(gw, 'v-add-letsencrypt-domain', args)]).toEqual([args, code]);
      expect([args, (await hestia(gw, 'v-add-letsencrypt-domain', args)).body]).toEqual([args, body]);
    }
  });

  it('refuses a suspended web domain or user (exit 5)', async () => {
    expect(await exitCode(gw, 'v-add-web-domain', ['mick', 'paused.com'])).toBe('0');
    expect(await exitCode(gw, 'v-suspend-web-domain', ['mick', 'paused.com'])).toBe('0');
    expect((await hestia(gw, 'v-add-letsencrypt-domain', ['mick', 'paused.com'])).body).toBe('Error: web domain paused.com is suspended\n');
    expect(await exitCode(gw, 'v-add-letsencrypt-domain', ['mick', 'paused.com'])).toBe('5');
    expect(await exitCode(gw, 'v-suspend-user', ['mick'])).toBe('0');
    expect((await hestia(gw, 'v-add-letsencrypt-domain', ['mick', 'mick.com'])).body).toBe('Error: user mick is suspended\n');
    expect(await exitCode(gw, 'v-unsuspend-user', ['mick'])).toBe('0');
  });

  it('in access-key mode: 204 with Hestia-Exit-Code 0, failures with the mapped status', async () => {
    const r = await hestia(gw, 'v-add-letsencrypt-domain', ['lena', 'lena.com'], keyAuth);
    expect([r.status, r.headers.get('hestia-exit-code'), r.body]).toEqual([204, '0', '']);
    const missing = await hestia(gw, 'v-add-letsencrypt-domain', ['lena', 'nope.com'], keyAuth);
    expect([missing.status, missing.headers.get('hestia-exit-code'), missing.body]).toEqual([400, '3', "Error: web domain nope.com doesn't exist"]);
    const invalid = await hestia(gw, 'v-add-letsencrypt-domain', ['lena', 'lena.com', '', 'maybe'], keyAuth);
    expect([invalid.status, invalid.headers.get('hestia-exit-code')]).toEqual([422, '2']);
  });
});
