import { exitCode, hestia } from './panel-client';
import { CREDS, startTestGateway, type TestGateway } from './test-gateway';

type Listing = Record<string, Record<string, string>>;

/**
 * Hestia keeps U_* and SUSPENDED_* counters in user.conf and bumps them in every add/delete script;
 * clients (WHMCS usage updates, billing dashboards) read them from v-list-user(s). Here every step
 * is followed by a look at both listings.
 */
describe('panel U_* and SUSPENDED_* counters stay current after every add, delete, suspend and unsuspend', () => {
  let gw: TestGateway;

  const run = async (cmd: string, args: readonly string[]): Promise<void> => {
    expect([cmd, args, await exitCode(gw, cmd, args)]).toEqual([cmd, args, '0']);
  };
  const listJson = async (cmd: string, args: readonly string[]): Promise<Listing> => JSON.parse((await hestia(gw, cmd, [...args, 'json'])).body) as Listing;
  /**
   * The user's counters as v-list-user prints them, checked equal to v-list-users' entry. U_USERS and
   * SUSPENDED_USERS differ on purpose: v-list-user reads them from the ROOT_USER, v-list-users prints
   * each user's own (zero for all but the ROOT_USER).
   */
  const counters = async (name: string): Promise<Record<string, string>> => {
    const one = (await listJson('v-list-user', [name]))[name];
    const all = (await listJson('v-list-users', []))[name];
    for (const key of Object.keys(all).filter((k) => (k.startsWith('U_') || k.startsWith('SUSPENDED')) && k !== 'U_USERS' && k !== 'SUSPENDED_USERS')) expect([key, all[key]]).toEqual([key, one[key]]);
    return one;
  };
  const expectCounters = async (name: string, expected: Record<string, string>): Promise<void> => {
    expect(await counters(name)).toMatchObject(expected);
  };
  const zoneRecords = async (user: string, domain: string): Promise<number> => Object.keys(await listJson('v-list-dns-records', [user, domain])).length;

  beforeAll(async () => {
    gw = await startTestGateway();
    await run('v-add-user', ['cnt', 'Passw0rd!', 'cnt@example.com']);
  });
  afterAll(() => gw.close());

  it('starts at zero', async () => {
    await expectCounters('cnt', {
      U_WEB_DOMAINS: '0',
      U_WEB_ALIASES: '0',
      U_WEB_SSL: '0',
      U_DNS_DOMAINS: '0',
      U_DNS_RECORDS: '0',
      U_MAIL_DOMAINS: '0',
      U_MAIL_DKIM: '0',
      U_MAIL_ACCOUNTS: '0',
      U_DATABASES: '0',
      SUSPENDED_WEB: '0',
      SUSPENDED_DNS: '0',
      SUSPENDED_MAIL: '0',
      SUSPENDED_DB: '0',
    });
  });

  it('web domains, aliases, SSL and suspensions', async () => {
    await run('v-add-web-domain', ['cnt', 'cnt-a.com']);
    await expectCounters('cnt', { U_WEB_DOMAINS: '1', U_WEB_ALIASES: '1' });
    await run('v-add-web-domain', ['cnt', 'cnt-b.com', '', '', 'x.cnt-b.com,y.cnt-b.com']);
    await expectCounters('cnt', { U_WEB_DOMAINS: '2', U_WEB_ALIASES: '3' });
    await run('v-suspend-web-domain', ['cnt', 'cnt-b.com']);
    await expectCounters('cnt', { SUSPENDED_WEB: '1' });
    await run('v-unsuspend-web-domain', ['cnt', 'cnt-b.com']);
    await expectCounters('cnt', { SUSPENDED_WEB: '0' });
    await run('v-add-letsencrypt-domain', ['cnt', 'cnt-b.com']);
    await expectCounters('cnt', { U_WEB_SSL: '1' });
    await run('v-delete-web-domain', ['cnt', 'cnt-b.com']);
    await expectCounters('cnt', { U_WEB_DOMAINS: '1', U_WEB_ALIASES: '1', U_WEB_SSL: '0' });
  });

  it('DNS zones and records', async () => {
    await run('v-add-dns-domain', ['cnt', 'cnt-a.com', '192.0.2.1']);
    const template = await zoneRecords('cnt', 'cnt-a.com');
    expect(template).toBeGreaterThan(0);
    await expectCounters('cnt', { U_DNS_DOMAINS: '1', U_DNS_RECORDS: String(template) });
    await run('v-add-dns-record', ['cnt', 'cnt-a.com', 'extra', 'A', '192.0.2.2', '', '100']);
    await expectCounters('cnt', { U_DNS_RECORDS: String(template + 1) });
    await run('v-delete-dns-record', ['cnt', 'cnt-a.com', '100']);
    await expectCounters('cnt', { U_DNS_RECORDS: String(template) });
    await run('v-delete-dns-domain', ['cnt', 'cnt-a.com']);
    await expectCounters('cnt', { U_DNS_DOMAINS: '0', U_DNS_RECORDS: '0' });
  });

  it('mail domains (DKIM counted), mailboxes', async () => {
    await run('v-add-mail-domain', ['cnt', 'cnt-a.com']);
    await expectCounters('cnt', { U_MAIL_DOMAINS: '1', U_MAIL_DKIM: '1' });
    await run('v-add-mail-domain', ['cnt', 'cnt-c.com', 'yes', 'yes', 'no']);
    await expectCounters('cnt', { U_MAIL_DOMAINS: '2', U_MAIL_DKIM: '1' });
    await run('v-add-mail-account', ['cnt', 'cnt-c.com', 'info', 'Passw0rd!']);
    await run('v-add-mail-account', ['cnt', 'cnt-c.com', 'sales', 'Passw0rd!']);
    await expectCounters('cnt', { U_MAIL_ACCOUNTS: '2' });
    await run('v-delete-mail-account', ['cnt', 'cnt-c.com', 'sales']);
    await expectCounters('cnt', { U_MAIL_ACCOUNTS: '1' });
    // Deleting the domain takes its mailboxes with it.
    await run('v-delete-mail-domain', ['cnt', 'cnt-c.com']);
    await expectCounters('cnt', { U_MAIL_DOMAINS: '1', U_MAIL_ACCOUNTS: '0' });
  });

  it('databases and their suspension', async () => {
    await run('v-add-database', ['cnt', 'db', 'db', 'Passw0rd!']);
    await expectCounters('cnt', { U_DATABASES: '1' });
    await run('v-suspend-database', ['cnt', 'cnt_db']);
    await expectCounters('cnt', { SUSPENDED_DB: '1' });
    await run('v-unsuspend-database', ['cnt', 'cnt_db']);
    await expectCounters('cnt', { SUSPENDED_DB: '0' });
    await run('v-delete-database', ['cnt', 'cnt_db']);
    await expectCounters('cnt', { U_DATABASES: '0' });
  });

  it('v-add-domain counts all three parts; suspending the user counts everything it owns', async () => {
    await run('v-add-domain', ['cnt', 'cnt-d.com']);
    await expectCounters('cnt', { U_WEB_DOMAINS: '2', U_DNS_DOMAINS: '1', U_MAIL_DOMAINS: '2' });
    await run('v-suspend-user', ['cnt']);
    await expectCounters('cnt', { SUSPENDED: 'yes', SUSPENDED_WEB: '2', SUSPENDED_DNS: '1', SUSPENDED_MAIL: '2' });
    await run('v-unsuspend-user', ['cnt']);
    await expectCounters('cnt', { SUSPENDED: 'no', SUSPENDED_WEB: '0', SUSPENDED_DNS: '0', SUSPENDED_MAIL: '0' });
  });

  it("the ROOT_USER's server-wide U_USERS and SUSPENDED_USERS follow every user add, suspend and delete", async () => {
    const before = Number((await counters(CREDS.panelUser))['U_USERS']);
    await run('v-add-user', ['cnt2', 'Passw0rd!', 'cnt2@example.com']);
    await expectCounters(CREDS.panelUser, { U_USERS: String(before + 1), SUSPENDED_USERS: '0' });
    await run('v-suspend-user', ['cnt2']);
    await expectCounters(CREDS.panelUser, { SUSPENDED_USERS: '1' });
    await run('v-delete-user', ['cnt2']);
    await expectCounters(CREDS.panelUser, { U_USERS: String(before), SUSPENDED_USERS: '0' });
  });
});
