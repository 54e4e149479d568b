import { setTimeout as sleep } from 'node:timers/promises';
import { type DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { AccountEntity, HostingPackageEntity, openTestDataSource, type TestDataSource, WebDomainEntity, WebDomainNameEntity } from '@hostgate/shared/persistence';
import { AccountFilesService } from '../accounts/account-files';
import { lockActiveAccount } from './hosting-rules';
import { WebDomainsService } from './web-domains.service';

/**
 * A name (web domain or alias) belongs to one account. Two accounts claiming the same name at the
 * same moment must not both get it: on SQLite transactions take turns; on PostgreSQL, where each
 * locks only its own account row, the claim takes a lock on the name itself.
 */
describe('WebDomainsService: concurrent claims of one name (SQLite, and PostgreSQL in the second suite run)', () => {
  let t: TestDataSource;
  let ds: DataSource;
  let service: WebDomainsService;

  beforeAll(async () => {
    t = await openTestDataSource();
    ds = t.ds;
    service = new WebDomainsService(ds, new AccountFilesService(t.db.settings));
    const pkg = await ds.getRepository(HostingPackageEntity).findOneByOrFail({ name: 'default' });
    for (const username of ['ann', 'bob']) await ds.getRepository(AccountEntity).insert({ username, passwordHash: 'x', email: `${username}@example.com`, packageId: pkg.id });
  });

  afterAll(() => t?.close());

  /** Runs `claim` for `username` in a transaction that stays open until `commit` resolves. */
  function held(username: string, claim: (tx: EntityManager, account: AccountEntity) => Promise<unknown>, commit: Promise<void>) {
    let claimed!: () => void;
    const done = new Promise<void>((resolve) => (claimed = resolve));
    const tx = ds.transaction(async (m) => {
      await claim(m, await lockActiveAccount(m, username));
      claimed();
      await commit;
    });
    return { claimed: done, committed: tx };
  }

  const state = (p: Promise<unknown>) => Promise.race([p.then(() => 'fulfilled', () => 'rejected'), sleep(150).then(() => 'pending')]);

  it.each([
    ['an alias', 'alias-one.example', { domain: 'site-a.example', aliases: ['alias-one.example'] }, { domain: 'site-b.example', aliases: ['alias-one.example'] }],
    ['an alias another account takes as its domain', 'alias-two.example', { domain: 'site-c.example', aliases: ['alias-two.example'] }, { domain: 'alias-two.example', aliases: [] }],
  ])('%s claimed while another claim of it is uncommitted waits for that one, then is refused', async (_label, name, first, second) => {
    let commit!: () => void;
    const a = held('ann', (tx, account) => service.addIn(tx, account, first), new Promise<void>((resolve) => (commit = resolve)));
    await a.claimed;
    const b = held('bob', (tx, account) => service.addIn(tx, account, second), Promise.resolve());
    expect(await state(b.committed)).toBe('pending');
    commit();
    await a.committed;
    const refused = await b.committed.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect([(refused as DomainError).code, (refused as DomainError).details.value]).toEqual([DomainErrorCode.AlreadyExists, name]);
    const holders = (await ds.getRepository(WebDomainEntity).find()).filter((d) => d.domain === name || d.aliases.split(',').includes(name));
    expect(holders.map((d) => d.domain)).toEqual([first.domain]);
  });

  it('claims of different names do not wait for each other', async () => {
    let commit!: () => void;
    const a = held('ann', (tx, account) => service.addIn(tx, account, { domain: 'free-a.example', aliases: [] }), new Promise<void>((resolve) => (commit = resolve)));
    await a.claimed;
    // On SQLite the second transaction waits for the connection, whatever it claims.
    const b = held('bob', (tx, account) => service.addIn(tx, account, { domain: 'free-b.example', aliases: [] }), Promise.resolve());
    expect(await state(b.committed)).toBe(t.db.kind === 'postgres' ? 'fulfilled' : 'pending');
    commit();
    await Promise.all([a.committed, b.committed]);
    expect((await ds.getRepository(WebDomainEntity).findBy([{ domain: 'free-a.example' }, { domain: 'free-b.example' }])).length).toBe(2);
  });
});

describe('web domain names in the database (SQLite, and PostgreSQL in the second suite run)', () => {
  let t: TestDataSource;
  let service: WebDomainsService;
  const namesOf = async (ds: DataSource) => (await ds.getRepository(WebDomainNameEntity).find({ order: { name: 'ASC' } })).map((n) => `${n.name}:${n.kind}:${n.webDomainId}`);

  beforeAll(async () => {
    t = await openTestDataSource();
    service = new WebDomainsService(t.ds, new AccountFilesService(t.db.settings));
    const pkg = await t.ds.getRepository(HostingPackageEntity).findOneByOrFail({ name: 'default' });
    for (const username of ['cat', 'dan']) await t.ds.getRepository(AccountEntity).insert({ username, passwordHash: 'x', email: `${username}@example.com`, packageId: pkg.id });
  });
  afterAll(() => t?.close());

  it('records a web domain and its aliases as names, refuses a second holder itself, and frees them with the web domain', async () => {
    const row = await service.add('cat', { domain: 'cat.example', aliases: ['www.cat.example', 'shop.cat.example'] });
    expect(await namesOf(t.ds)).toEqual([`cat.example:domain:${row.id}`, `shop.cat.example:alias:${row.id}`, `www.cat.example:alias:${row.id}`]);
    const other = await service.add('dan', { domain: 'dan.example', aliases: [] });
    await expect(t.ds.getRepository(WebDomainNameEntity).insert({ name: 'shop.cat.example', webDomainId: other.id, kind: 'alias' })).rejects.toThrow();
    await expect(service.add('dan', { domain: 'shop.cat.example', aliases: [] })).rejects.toMatchObject({ code: DomainErrorCode.AlreadyExists, details: { entity: 'web alias', value: 'shop.cat.example' } });
    await service.delete('cat', 'cat.example');
    expect(await namesOf(t.ds)).toEqual([`dan.example:domain:${other.id}`]);
    const taken = await service.add('dan', { domain: 'shop.cat.example', aliases: ['cat.example'] });
    expect(await namesOf(t.ds)).toEqual([`cat.example:alias:${taken.id}`, `dan.example:domain:${other.id}`, `shop.cat.example:domain:${taken.id}`]);
  });
});

describe('the migration that adds web domain names (SQLite, and PostgreSQL in the second suite run)', () => {
  let t: TestDataSource;
  afterAll(() => t?.close());

  it('fills them from the web domains already there; where two share a name, the older keeps it', async () => {
    t = await openTestDataSource();
    const { ds } = t;
    // Back to the schema before web_domain_names (undoing the migrations that came after it too).
    const newest = async (): Promise<number> => Number(((await ds.query('SELECT MAX(timestamp) AS t FROM migrations')) as Array<{ t: string | number }>)[0].t);
    while ((await newest()) >= 1764000000000) await ds.undoLastMigration({ transaction: 'each' });
    const pkg = await ds.getRepository(HostingPackageEntity).findOneByOrFail({ name: 'default' });
    await ds.getRepository(AccountEntity).insert({ username: 'old', passwordHash: 'x', email: 'old@example.com', packageId: pkg.id });
    const { id: accountId } = await ds.getRepository(AccountEntity).findOneByOrFail({ username: 'old' });
    const insert = (domain: string, aliases: string) => ds.query(`INSERT INTO web_domains (account_id, domain, aliases, ip) VALUES (${accountId}, '${domain}', '${aliases}', '')`);
    await insert('first.example', 'www.first.example,shared.example');
    await insert('second.example', 'shared.example,second.example,www.second.example');
    await ds.runMigrations({ transaction: 'each' });
    const ids = new Map((await ds.getRepository(WebDomainEntity).find()).map((d) => [d.domain, d.id]));
    const [first, second] = [ids.get('first.example'), ids.get('second.example')];
    const names = (await ds.getRepository(WebDomainNameEntity).find({ order: { name: 'ASC' } })).map((n) => [n.name, n.kind, n.webDomainId]);
    expect(names).toEqual([
      ['first.example', 'domain', first],
      ['second.example', 'domain', second],
      ['shared.example', 'alias', first],
      ['www.first.example', 'alias', first],
      ['www.second.example', 'alias', second],
    ]);
  });
});
