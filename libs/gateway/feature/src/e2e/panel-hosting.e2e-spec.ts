import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DnsDomainEntity, DnsRecordEntity, HostedDatabaseEntity, HostingPackageEntity, MailAccountEntity, MailDomainEntity, WebDomainEntity } from '@hostgate/shared/persistence';
import { DatabasesService } from '@hostgate/domain';
import { afterRead } from './interleave';
import { e2eGolden, expectAllStrings, exitCode, hestia, maskClock } from './panel-client';
import { startTestGateway, type TestGateway } from './test-gateway';

type Listing = Record<string, Record<string, string>>;

describe('panel web, DNS, mail and databases (package limits in the shared domain)', () => {
  let gw: TestGateway;
  let ds: DataSource;

  const user = async (name: string, pkg = 'default'): Promise<void> => {
    expect(await exitCode(gw, 'v-add-user', [name, 'Passw0rd!', `${name}@example.com`, pkg])).toBe('0');
  };
  const list = async (cmd: string, args: readonly string[]): Promise<Listing> => JSON.parse((await hestia(gw, cmd, [...args, 'json'])).body) as Listing;
  const counters = async (name: string): Promise<Record<string, string>> => (await list('v-list-user', [name]))[name];

  beforeAll(async () => {
    gw = await startTestGateway();
    ds = gw.app.get(DataSource);
    await ds.getRepository(HostingPackageEntity).insert([
      { name: 'one', webDomains: '1', webAliases: '1', dnsDomains: '1', dnsRecords: '13', mailDomains: '1', mailAccounts: '1', databases: '1' },
      { name: 'noweb', webDomains: '0', webAliases: '0' },
      { name: 'nothing', webDomains: '0', dnsDomains: '0', mailDomains: '0' },
    ]);
    await user('alice');
    await user('bob');
    await user('limited', 'one');
  });
  afterAll(() => gw.close());

  describe('v-add-web-domain', () => {
    it('adds the domain with the www. alias by default, normalising the name (exit 0)', async () => {
      expect(await exitCode(gw, 'v-add-web-domain', ['alice', 'www.Alice-Site.COM.'])).toBe('0');
      const web = await list('v-list-web-domains', ['alice']);
      expect(Object.keys(web)).toEqual(['alice-site.com']);
      expect(web['alice-site.com']).toMatchObject({ ALIAS: 'www.alice-site.com', SUSPENDED: 'no', DOCUMENT_ROOT: '/home/alice/web/alice-site.com/public_html/' });
      expect(await counters('alice')).toMatchObject({ U_WEB_DOMAINS: '1', U_WEB_ALIASES: '1' });
    });

    it('gives a sub-domain no alias, takes explicit aliases, and "none" for none', async () => {
      expect(await exitCode(gw, 'v-add-web-domain', ['alice', 'blog.alice-site.com'])).toBe('0');
      expect(await exitCode(gw, 'v-add-web-domain', ['alice', 'alice-two.com', '10.0.0.5', 'no', 'shop.alice-two.com,cdn.alice-two.com'])).toBe('0');
      expect(await exitCode(gw, 'v-add-web-domain', ['alice', 'alice-three.com', '', '', 'none'])).toBe('0');
      const web = await list('v-list-web-domains', ['alice']);
      expect(web['blog.alice-site.com']['ALIAS']).toBe('');
      expect(web['alice-two.com']).toMatchObject({ ALIAS: 'shop.alice-two.com,cdn.alice-two.com', IP: '10.0.0.5' });
      expect(web['alice-three.com']['ALIAS']).toBe('');
      expect(await counters('alice')).toMatchObject({ U_WEB_DOMAINS: '4', U_WEB_ALIASES: '3' });
    });

    it('refuses a domain or alias another user already has (exit 4), across users', async () => {
      expect((await hestia(gw, 'v-add-web-domain', ['bob', 'alice-site.com'])).body).toBe('Error: Web domain alice-site.com exists\n');
      expect((await hestia(gw, 'v-add-web-domain', ['bob', 'bob.com', '', '', 'shop.alice-two.com'])).body).toBe('Error: Web alias shop.alice-two.com exists\n');
      expect(await exitCode(gw, 'v-add-web-domain', ['bob', 'shop.alice-two.com'])).toBe('4');
      expect(await exitCode(gw, 'v-list-web-domains', ['bob'])).toBe('0');
      expect(await list('v-list-web-domains', ['bob'])).toEqual({});
    });

    it('refuses an IP address as domain with exit 1, and malformed names with exit 2', async () => {
      const ip = await hestia(gw, 'v-add-web-domain', ['bob', '192.168.1.10']);
      expect(ip.body).toBe('Error: Invalid domain format. IP address detected as input.\n');
      expect(await exitCode(gw, 'v-add-web-domain', ['bob', '192.168.1.10'])).toBe('1');
      for (const bad of ['bad;domain.com', 'a b.com', 'new\nline.com', 'x..com', '-lead.com', 'www', '12345', `${'a'.repeat(250)}.com`, 'nul\u0000.com', '$(id).com']) {
        expect(await exitCode(gw, 'v-add-web-domain', ['bob', bad])).toBe('2');
      }
      expect((await hestia(gw, 'v-add-web-domain', ['bob', 'semi;colon.com'])).body).toBe('Error: invalid domain format :: semi;colon.com\n');
    });

    it('enforces WEB_DOMAINS and WEB_ALIASES (exit 8) from the package', async () => {
      expect(await exitCode(gw, 'v-add-web-domain', ['limited', 'limited.com'])).toBe('0');
      expect((await hestia(gw, 'v-add-web-domain', ['limited', 'limited2.com'])).body).toBe('Error: WEB_DOMAINS limit is reached :: upgrade user package\n');
      await user('aliaslimit', 'one');
      expect((await hestia(gw, 'v-add-web-domain', ['aliaslimit', 'al.com', '', '', 'a.al.com,b.al.com'])).body).toBe('Error: WEB_ALIASES limit is reached :: upgrade user package\n');
      expect(await ds.getRepository(WebDomainEntity).countBy({ domain: 'al.com' })).toBe(0);
    });

    it('answers 3 for an unknown user, 5 for a suspended one, 1 for too few args', async () => {
      expect((await hestia(gw, 'v-add-web-domain', ['ghost', 'ghost.com'])).body).toBe("Error: user ghost doesn't exist\n");
      await user('frozen');
      expect(await exitCode(gw, 'v-suspend-user', ['frozen'])).toBe('0');
      expect(await exitCode(gw, 'v-add-web-domain', ['frozen', 'frozen.com'])).toBe('5');
      expect((await hestia(gw, 'v-add-web-domain', ['bob'])).body).toBe('Usage: v-add-web-domain USER DOMAIN [IP] [RESTART] [ALIASES] [PROXY_EXTENSIONS] \n');
    });
  });

  describe('v-delete/suspend/unsuspend-web-domain, v-list-web-domain', () => {
    it('suspends (0), refuses twice (5), unsuspends (0), refuses twice (6)', async () => {
      expect(await exitCode(gw, 'v-suspend-web-domain', ['alice', 'alice-three.com'])).toBe('0');
      expect((await list('v-list-web-domain', ['alice', 'alice-three.com']))['alice-three.com']['SUSPENDED']).toBe('yes');
      expect((await counters('alice'))['SUSPENDED_WEB']).toBe('1');
      expect((await hestia(gw, 'v-suspend-web-domain', ['alice', 'alice-three.com'])).body).toBe('Error: web domain alice-three.com is suspended\n');
      expect(await exitCode(gw, 'v-suspend-web-domain', ['alice', 'alice-three.com'])).toBe('5');
      expect(await exitCode(gw, 'v-unsuspend-web-domain', ['alice', 'alice-three.com'])).toBe('0');
      expect(await exitCode(gw, 'v-unsuspend-web-domain', ['alice', 'alice-three.com'])).toBe('6');
      expect((await counters('alice'))['SUSPENDED_WEB']).toBe('0');
      expect(await exitCode(gw, 'v-suspend-web-domain', ['bob', 'alice-three.com'])).toBe('3');
    });

    it('lists one domain with SSL_FORCE printed twice, and 3 for a domain the user does not own', async () => {
      const r = await hestia(gw, 'v-list-web-domain', ['alice', 'alice-site.com', 'json']);
      expect(r.body.match(/"SSL_FORCE"/g)).toHaveLength(2);
      expect((await hestia(gw, 'v-list-web-domain', ['bob', 'alice-site.com', 'json'])).body).toBe("Error: web domain alice-site.com doesn't exist\n");
    });

    it('deletes a domain (0) with its directory, then 3; the name is free for another user afterwards', async () => {
      const web = join(gw.db.settings.dataDir, 'home', 'alice', 'web');
      for (const domain of ['alice-three.com', 'alice-site.com']) {
        mkdirSync(join(web, domain, 'public_html'), { recursive: true });
        writeFileSync(join(web, domain, 'public_html', 'index.html'), domain);
      }
      expect(await exitCode(gw, 'v-delete-web-domain', ['bob', 'alice-three.com'])).toBe('3');
      expect(existsSync(join(web, 'alice-three.com'))).toBe(true);
      expect(await exitCode(gw, 'v-delete-web-domain', ['alice', 'alice-three.com'])).toBe('0');
      expect([existsSync(join(web, 'alice-three.com')), readFileSync(join(web, 'alice-site.com', 'public_html', 'index.html'), 'utf8')]).toEqual([false, 'alice-site.com']);
      expect(await exitCode(gw, 'v-delete-web-domain', ['alice', 'alice-three.com'])).toBe('3');
      expect(await exitCode(gw, 'v-add-web-domain', ['bob', 'alice-three.com'])).toBe('0');
    });
  });

  describe('DNS domains and records', () => {
    it('adds a zone with the template records (0); exists 4; limit 8; IP required (1) and checked (2)', async () => {
      expect(await exitCode(gw, 'v-add-dns-domain', ['alice', 'alice-dns.com', '10.0.0.1', 'ns1.alice-dns.com', 'ns2.alice-dns.com'])).toBe('0');
      const zones = await list('v-list-dns-domains', ['alice']);
      expect(zones['alice-dns.com']).toMatchObject({ IP: '10.0.0.1', RECORDS: '12', SOA: 'ns1.alice-dns.com', SUSPENDED: 'no' });
      expect((await hestia(gw, 'v-add-dns-domain', ['bob', 'alice-dns.com', '10.0.0.2'])).body).toBe('Error: DNS domain alice-dns.com exists\n');
      expect(await exitCode(gw, 'v-add-dns-domain', ['limited', 'limited-dns.com', '10.0.0.3'])).toBe('0');
      expect((await hestia(gw, 'v-add-dns-domain', ['limited', 'limited-dns2.com', '10.0.0.3'])).body).toBe('Error: DNS_DOMAINS limit is reached :: upgrade user package\n');
      expect(await exitCode(gw, 'v-add-dns-domain', ['alice', 'x-dns.com'])).toBe('1');
      expect(await exitCode(gw, 'v-add-dns-domain', ['alice', 'x-dns.com', 'not-an-ip'])).toBe('2');
      expect(await counters('alice')).toMatchObject({ U_DNS_DOMAINS: '1', U_DNS_RECORDS: '12' });
    });

    it('adds (0) and deletes (0) records; duplicate id 4; unknown id 3; DNS_RECORDS limit 8', async () => {
      expect(await exitCode(gw, 'v-add-dns-record', ['alice', 'alice-dns.com', 'api', 'CNAME', 'alice-dns.com.'])).toBe('0');
      expect(await exitCode(gw, 'v-add-dns-record', ['alice', 'alice-dns.com', 'txt', 'TXT', '"hello; $(id) `x`"', '', '50'])).toBe('0');
      const records = await list('v-list-dns-records', ['alice', 'alice-dns.com']);
      expect(records['13']).toMatchObject({ RECORD: 'api', TYPE: 'CNAME', VALUE: 'alice-dns.com.', ID: '13' });
      expect(records['50']['VALUE']).toBe('"hello; $(id) `x`"');
      expect((await hestia(gw, 'v-add-dns-record', ['alice', 'alice-dns.com', 'dup', 'A', '10.0.0.9', '', '50'])).body).toBe('Error: ID=50 already exists\n');
      expect(await exitCode(gw, 'v-add-dns-record', ['alice', 'alice-dns.com', 'bad', 'BOGUS', 'x'])).toBe('2');
      expect(await exitCode(gw, 'v-add-dns-record', ['alice', 'alice-dns.com', 'nl', 'TXT', 'a\nb'])).toBe('2');
      expect(await exitCode(gw, 'v-add-dns-record', ['alice', 'nowhere.com', 'a', 'A', '10.0.0.9'])).toBe('3');
      expect(await exitCode(gw, 'v-delete-dns-record', ['alice', 'alice-dns.com', '50'])).toBe('0');
      expect((await hestia(gw, 'v-delete-dns-record', ['alice', 'alice-dns.com', '50'])).body).toBe("Error: dns/alice-dns.com id 50 doesn't exist\n");
      // "one" allows 13 records; its zone already has 12.
      expect(await exitCode(gw, 'v-add-dns-record', ['limited', 'limited-dns.com', 'a', 'A', '10.0.0.9'])).toBe('0');
      expect((await hestia(gw, 'v-add-dns-record', ['limited', 'limited-dns.com', 'b', 'A', '10.0.0.9'])).body).toBe('Error: DNS_RECORDS limit is reached :: upgrade user package\n');
    });

    it('deletes a zone with its records (0), then 3', async () => {
      expect(await exitCode(gw, 'v-delete-dns-domain', ['limited', 'limited-dns.com'])).toBe('0');
      expect((await hestia(gw, 'v-delete-dns-domain', ['limited', 'limited-dns.com'])).body).toBe("Error: dns domain limited-dns.com doesn't exist\n");
      expect(await counters('limited')).toMatchObject({ U_DNS_DOMAINS: '0', U_DNS_RECORDS: '0' });
    });
  });

  describe('mail domains and accounts', () => {
    it('adds a mail domain (0); exists 4; limit 8; flags must be yes/no (2)', async () => {
      expect(await exitCode(gw, 'v-add-mail-domain', ['alice', 'alice-mail.com', 'no', 'yes', 'yes'])).toBe('0');
      expect((await list('v-list-mail-domains', ['alice']))['alice-mail.com']).toMatchObject({ ANTISPAM: 'no', ANTIVIRUS: 'yes', DKIM: 'yes', ACCOUNTS: '0' });
      expect((await hestia(gw, 'v-add-mail-domain', ['bob', 'alice-mail.com'])).body).toBe('Error: Mail domain alice-mail.com exists\n');
      expect(await exitCode(gw, 'v-add-mail-domain', ['limited', 'limited-mail.com'])).toBe('0');
      expect((await hestia(gw, 'v-add-mail-domain', ['limited', 'limited-mail2.com'])).body).toBe('Error: MAIL_DOMAINS limit is reached :: upgrade user package\n');
      expect((await hestia(gw, 'v-add-mail-domain', ['alice', 'flags.com', 'maybe'])).body).toBe('Error: invalid antispam format :: maybe\n');
    });

    it('adds accounts (0, lower-cased); exists 4; limit 8; unknown domain 3; bad quota 2', async () => {
      expect(await exitCode(gw, 'v-add-mail-account', ['alice', 'alice-mail.com', 'Info', 'p4ss;word', '500'])).toBe('0');
      expect((await list('v-list-mail-accounts', ['alice', 'alice-mail.com']))['info']).toMatchObject({ QUOTA: '500', SUSPENDED: 'no' });
      expect((await hestia(gw, 'v-add-mail-account', ['alice', 'alice-mail.com', 'info', 'x'])).body).toBe('Error: mail account info already exists\n');
      expect(await exitCode(gw, 'v-add-mail-account', ['alice', 'nomail.com', 'info', 'x'])).toBe('3');
      expect(await exitCode(gw, 'v-add-mail-account', ['alice', 'alice-mail.com', 'q', 'x', 'lots'])).toBe('2');
      expect(await exitCode(gw, 'v-add-mail-account', ['alice', 'alice-mail.com', 'bad/name', 'x'])).toBe('2');
      expect(await exitCode(gw, 'v-add-mail-account', ['limited', 'limited-mail.com', 'one', 'x'])).toBe('0');
      expect((await hestia(gw, 'v-add-mail-account', ['limited', 'limited-mail.com', 'two', 'x'])).body).toBe('Error: MAIL_ACCOUNTS limit is reached :: upgrade user package\n');
      expect(await counters('alice')).toMatchObject({ U_MAIL_DOMAINS: '1', U_MAIL_ACCOUNTS: '1' });
    });

    it('changes a mailbox password (0), deletes it (0, then 3), deletes the domain (0, then 3)', async () => {
      expect(await exitCode(gw, 'v-change-mail-account-password', ['alice', 'alice-mail.com', 'info', 'n3w'])).toBe('0');
      expect(await exitCode(gw, 'v-change-mail-account-password', ['alice', 'alice-mail.com', 'nobody', 'n3w'])).toBe('3');
      expect(await exitCode(gw, 'v-delete-mail-account', ['alice', 'alice-mail.com', 'info'])).toBe('0');
      expect((await hestia(gw, 'v-delete-mail-account', ['alice', 'alice-mail.com', 'info'])).body).toBe("Error: mail/alice-mail.com account info doesn't exist\n");
      expect(await exitCode(gw, 'v-delete-mail-domain', ['alice', 'alice-mail.com'])).toBe('0');
      expect((await hestia(gw, 'v-delete-mail-domain', ['alice', 'alice-mail.com'])).body).toBe("Error: mail domain alice-mail.com doesn't exist\n");
    });
  });

  describe('databases', () => {
    it('stores USER_DATABASE and USER_DBUSER (0); duplicate 4; limit 8; bad type 2', async () => {
      expect(await exitCode(gw, 'v-add-database', ['alice', 'wordpress', 'wordpress', 'wpbl0gp4s'])).toBe('0');
      const dbs = await list('v-list-databases', ['alice']);
      expect(dbs['alice_wordpress']).toMatchObject({ DATABASE: 'alice_wordpress', DBUSER: 'alice_wordpress', TYPE: 'mysql', CHARSET: 'UTF8MB4', HOST: 'localhost' });
      expect(r(await hestia(gw, 'v-add-database', ['alice', 'wordpress', 'other', 'x']))).toBe('Error: DB=alice_wordpress already exists\n');
      expect(r(await hestia(gw, 'v-add-database', ['alice', 'other', 'wordpress', 'x']))).toBe('Error: DBUSER=alice_wordpress already exists\n');
      expect(r(await hestia(gw, 'v-add-database', ['alice', 'pg', 'pg', 'x', 'oracle']))).toBe('Error: oracle type is invalid\n');
      expect(await exitCode(gw, 'v-add-database', ['alice', 'Mixed', 'Mixed', 'x', 'pgsql'])).toBe('0');
      expect(Object.keys(await list('v-list-databases', ['alice']))).toEqual(['alice_wordpress', 'alice_mixed']);
      expect(await exitCode(gw, 'v-add-database', ['alice', 'bad;name', 'u', 'x'])).toBe('2');
      expect(r(await hestia(gw, 'v-add-database', ['alice', 'db', 'u'.repeat(30), 'x']))).toBe('Error: mysql username can be up to 32 characters long\n');
      expect(await exitCode(gw, 'v-add-database', ['limited', 'a', 'a', 'x'])).toBe('0');
      expect(r(await hestia(gw, 'v-add-database', ['limited', 'b', 'b', 'x']))).toBe('Error: DATABASES limit is reached :: upgrade user package\n');
      expect(await counters('alice')).toMatchObject({ U_DATABASES: '2' });
      expect(await exitCode(gw, 'v-add-database', ['alice', 'x', 'x'])).toBe('1');
    });

    it('suspends (0/5), unsuspends (0/6) and deletes (0/3) by the full name', async () => {
      expect(await exitCode(gw, 'v-suspend-database', ['alice', 'alice_wordpress'])).toBe('0');
      expect(await exitCode(gw, 'v-suspend-database', ['alice', 'alice_wordpress'])).toBe('5');
      expect((await counters('alice'))['SUSPENDED_DB']).toBe('1');
      expect(await exitCode(gw, 'v-unsuspend-database', ['alice', 'alice_wordpress'])).toBe('0');
      expect(await exitCode(gw, 'v-unsuspend-database', ['alice', 'alice_wordpress'])).toBe('6');
      expect(r(await hestia(gw, 'v-delete-database', ['alice', 'wordpress']))).toBe("Error: db db wordpress doesn't exist\n");
      expect(await exitCode(gw, 'v-delete-database', ['alice', 'alice_wordpress'])).toBe('0');
      expect(await exitCode(gw, 'v-delete-database', ['alice', 'alice_wordpress'])).toBe('3');
    });
  });

  describe('v-add-domain', () => {
    it('adds web, DNS and mail for the seed example (returncode 0)', async () => {
      await user('demo');
      expect(await exitCode(gw, 'v-add-domain', ['demo', 'demo.hestiacp.com'])).toBe('0');
      expect(Object.keys(await list('v-list-web-domains', ['demo']))).toEqual(['demo.hestiacp.com']);
      expect(Object.keys(await list('v-list-dns-domains', ['demo']))).toEqual(['demo.hestiacp.com']);
      expect(Object.keys(await list('v-list-mail-domains', ['demo']))).toEqual(['demo.hestiacp.com']);
      expect(await counters('demo')).toMatchObject({ U_WEB_DOMAINS: '1', U_DNS_DOMAINS: '1', U_MAIL_DOMAINS: '1' });
    });

    it('skips the parts the package has no room for, and answers 8 when none has', async () => {
      await user('partial', 'noweb');
      expect(await exitCode(gw, 'v-add-domain', ['partial', 'partial.com'])).toBe('0');
      expect(await counters('partial')).toMatchObject({ U_WEB_DOMAINS: '0', U_DNS_DOMAINS: '1', U_MAIL_DOMAINS: '1' });
      await user('full', 'nothing');
      expect(r(await hestia(gw, 'v-add-domain', ['full', 'full.com']))).toBe('Error: Package limit reached\n');
      expect(await exitCode(gw, 'v-add-domain', ['full', 'full.com'])).toBe('8');
    });

    it('a domain another user has fails in the web part with both error lines (4) and adds nothing', async () => {
      expect(r(await hestia(gw, 'v-add-domain', ['bob', 'demo.hestiacp.com']))).toBe("Error: Web domain demo.hestiacp.com exists\nError: can't add web domain\n");
      expect(await counters('bob')).toMatchObject({ U_DNS_DOMAINS: '0', U_MAIL_DOMAINS: '0' });
    });

    it('a failing DNS part keeps the web part, as Hestia leaves it, and writes no half zone', async () => {
      expect(await exitCode(gw, 'v-add-dns-domain', ['alice', 'split.com', '10.0.0.1'])).toBe('0');
      const before = await counters('bob');
      // The DNS sub-script's error, then the wrapper's; the mail part is never reached (check_result exits).
      expect(r(await hestia(gw, 'v-add-domain', ['bob', 'split.com']))).toBe("Error: DNS domain split.com exists\nError: can't add dns domain\n");
      expect(await counters('bob')).toMatchObject({ U_WEB_DOMAINS: String(Number(before['U_WEB_DOMAINS']) + 1), U_DNS_DOMAINS: before['U_DNS_DOMAINS'], U_DNS_RECORDS: before['U_DNS_RECORDS'], U_MAIL_DOMAINS: before['U_MAIL_DOMAINS'] });
      expect(await exitCode(gw, 'v-add-dns-domain', ['alice', 'split2.com', '10.0.0.1'])).toBe('0');
      expect(await exitCode(gw, 'v-add-domain', ['bob', 'split2.com'])).toBe('4');
      expect(Object.keys(await list('v-list-web-domains', ['bob']))).toContain('split.com');
      expect(await ds.getRepository(DnsDomainEntity).countBy({ domain: 'split.com' })).toBe(1);
      expect(await ds.getRepository(MailDomainEntity).countBy({ domain: 'split.com' })).toBe(0);
    });

    it('answers 3 for an unknown user and 1 for an IP as domain', async () => {
      expect(r(await hestia(gw, 'v-add-domain', ['ghost', 'ghost.com']))).toBe("Error: user ghost doesn't exist\n");
      expect(await exitCode(gw, 'v-add-domain', ['demo', '10.1.1.1'])).toBe('1');
    });
  });

  describe('limits under concurrency', () => {
    it('ten simultaneous v-add-web-domain calls against WEB_DOMAINS=3 leave exactly three domains', async () => {
      await ds.getRepository(HostingPackageEntity).insert({ name: 'three', webDomains: '3', webAliases: 'unlimited' });
      await user('racer', 'three');
      const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => exitCode(gw, 'v-add-web-domain', ['racer', `race${i}.com`])));
      expect(codes.filter((c) => c === '0')).toHaveLength(3);
      expect(codes.filter((c) => c === '8')).toHaveLength(7);
      expect(await counters('racer')).toMatchObject({ U_WEB_DOMAINS: '3' });
    });

    it('two users racing for one domain: exactly one gets it, the other exit 4', async () => {
      await user('racea');
      await user('raceb');
      const codes = await Promise.all([exitCode(gw, 'v-add-web-domain', ['racea', 'contested.com']), exitCode(gw, 'v-add-web-domain', ['raceb', 'contested.com'])]);
      expect([...codes].sort()).toEqual(['0', '4']);
    });

    it('two users reaching one database user name at once (shop + a_b, shop_a + b): exactly one gets it, the other exit 4', async () => {
      await user('shop');
      await user('shop_a');
      // The second add runs right after the first has found the name free and before it writes
      // (given 300 ms: it waits for the first's turn on the name, so it may not finish before).
      let second: Promise<{ body: string }> | undefined;
      const first = await afterRead(
        gw.app.get(DatabasesService),
        'claimDbUser',
        async () => {
          second = hestia(gw, 'v-add-database', ['shop_a', 'y_1', 'b', 'pw-1']);
          await Promise.race([second, new Promise((done) => setTimeout(done, 300))]);
        },
        () => hestia(gw, 'v-add-database', ['shop', 'x_1', 'a_b', 'pw-1']),
      );
      expect([first.body, (await second)?.body]).toEqual(['OK', 'Error: DBUSER=shop_a_b already exists\n']);
      expect(await ds.getRepository(HostedDatabaseEntity).countBy({ dbUser: 'shop_a_b' })).toBe(1);
    });
  });

  describe('v-delete-user removes everything the user owns', () => {
    it('leaves no web, DNS, mail or database rows behind, and frees the names', async () => {
      await user('owner');
      expect(await exitCode(gw, 'v-add-domain', ['owner', 'owner.com'])).toBe('0');
      expect(await exitCode(gw, 'v-add-mail-account', ['owner', 'owner.com', 'info', 'x'])).toBe('0');
      expect(await exitCode(gw, 'v-add-database', ['owner', 'db', 'db', 'x'])).toBe('0');
      expect(await exitCode(gw, 'v-delete-user', ['owner'])).toBe('0');
      expect(await ds.getRepository(WebDomainEntity).countBy({ domain: 'owner.com' })).toBe(0);
      expect(await ds.getRepository(DnsDomainEntity).countBy({ domain: 'owner.com' })).toBe(0);
      expect(await ds.getRepository(MailDomainEntity).countBy({ domain: 'owner.com' })).toBe(0);
      expect(await ds.getRepository(HostedDatabaseEntity).countBy({ name: 'owner_db' })).toBe(0);
      expect(await ds.getRepository(MailAccountEntity).createQueryBuilder('a').where('a.mail_domain_id NOT IN (SELECT id FROM mail_domains)').getCount()).toBe(0);
      expect(await ds.getRepository(DnsRecordEntity).createQueryBuilder('r').where('r.dns_domain_id NOT IN (SELECT id FROM dns_domains)').getCount()).toBe(0);
      expect(await exitCode(gw, 'v-add-domain', ['bob', 'owner.com'])).toBe('0');
    });
  });

  it('v-list-users counts for every user what v-list-user counts for each (one query for all, one per user)', async () => {
    expect(await exitCode(gw, 'v-add-mail-account', ['bob', 'owner.com', 'info', 'x'])).toBe('0');
    expect(await exitCode(gw, 'v-add-database', ['bob', 'db', 'db', 'x'])).toBe('0');
    const all = await list('v-list-users', []);
    // Not U_USERS and SUSPENDED_USERS: v-list-user reads those from the ROOT_USER for anyone, v-list-users only on the ROOT_USER's line.
    const usage = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).filter(([k]) => /^(U_|SUSPENDED_)/.test(k) && k !== 'U_USERS' && k !== 'SUSPENDED_USERS'));
    expect(Object.keys(all).length).toBeGreaterThan(5);
    expect(usage(all['bob'])).toMatchObject({ U_WEB_DOMAINS: '4', U_WEB_ALIASES: '4', U_DNS_DOMAINS: '1', U_MAIL_DOMAINS: '1', U_MAIL_ACCOUNTS: '1', U_DATABASES: '1' });
    expect(Number(all['bob']['U_DNS_RECORDS'])).toBeGreaterThan(0);
    for (const name of Object.keys(all)) expect(usage(all[name])).toEqual(usage(await counters(name)));
  });
});

const r = (reply: { body: string }): string => reply.body;

describe('panel hosting list outputs through the gateway match the golden files in every format', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
    const steps: Array<[string, string[]]> = [
      ['v-add-user', ['demo', 'd3m0p4ssw0rd', 'demo@gmail.com']],
      ['v-add-web-domain', ['demo', 'demo.hestiacp.com', '10.0.0.1']],
      ['v-add-web-domain', ['demo', 'shop.demo.hestiacp.com', '10.0.0.1', '', 'none']],
      ['v-add-dns-domain', ['demo', 'demo.hestiacp.com', '10.0.0.1', 'ns1.example.com', 'ns2.example.com']],
      ['v-add-dns-record', ['demo', 'demo.hestiacp.com', 'api', 'CNAME', 'demo.hestiacp.com.']],
      ['v-add-mail-domain', ['demo', 'demo.hestiacp.com']],
      ['v-add-mail-account', ['demo', 'demo.hestiacp.com', 'info', 'secret', '1024']],
      ['v-add-database', ['demo', 'wordpress', 'wordpress', 'wpbl0gp4s']],
      ['v-suspend-web-domain', ['demo', 'shop.demo.hestiacp.com']],
      ['v-add-letsencrypt-domain', ['demo', 'demo.hestiacp.com']],
    ];
    for (const [cmd, args] of steps) expect(`${cmd} ${await exitCode(gw, cmd, args)}`).toBe(`${cmd} 0`);
  });
  afterAll(() => gw.close());

  const formats = ['json', 'plain', 'csv', 'shell'];
  const cases: Array<[string, string[]]> = [
    ...formats.map((f): [string, string[]] => ['v-list-web-domains', ['demo', f]]),
    ...formats.map((f): [string, string[]] => ['v-list-web-domain', ['demo', 'demo.hestiacp.com', f]]),
    ...formats.map((f): [string, string[]] => ['v-list-dns-domains', ['demo', f]]),
    ...formats.map((f): [string, string[]] => ['v-list-dns-records', ['demo', 'demo.hestiacp.com', f]]),
    ...formats.map((f): [string, string[]] => ['v-list-mail-domains', ['demo', f]]),
    ...formats.map((f): [string, string[]] => ['v-list-mail-accounts', ['demo', 'demo.hestiacp.com', f]]),
    ...formats.map((f): [string, string[]] => ['v-list-databases', ['demo', f]]),
  ];

  it.each(cases)('%s %j', async (cmd, args) => {
    const reply = await hestia(gw, cmd, args);
    expect(reply.status).toBe(200);
    if (args[args.length - 1] === 'json') expectAllStrings(reply.body);
    const body = maskClock(reply.body);
    expect(body).toBe(e2eGolden(`${cmd}.${args[args.length - 1]}.txt`, body));
  });

  it('an empty list is "{" newline "}" and unknown formats print nothing (OK)', async () => {
    expect(await exitCode(gw, 'v-add-user', ['empty', 'Passw0rd!', 'empty@example.com'])).toBe('0');
    expect((await hestia(gw, 'v-list-databases', ['empty', 'json'])).body).toBe('{\n}\n');
    expect((await hestia(gw, 'v-list-web-domains', ['empty', 'yaml'])).body).toBe('OK');
  });
});
